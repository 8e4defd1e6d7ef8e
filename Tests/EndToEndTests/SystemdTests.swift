import Foundation
import PressGateTestSupport
import XCTest

/// Issue 18 (in part): systemd's socket activation (the listening socket on fd 3, `LISTEN_FDS`,
/// `LISTEN_PID`) and `sd_notify` readiness (`READY=1`, `STOPPING=1` to `$NOTIFY_SOCKET`).
final class SystemdTests: XCTestCase {
    /// A datagram socket at `path`, as systemd's notify socket; returns its descriptor.
    func notifySocket(_ path: String) throws -> Int32 {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard fd >= 0, bound == 0 else { throw TestFailure("cannot bind the notify socket") }
        var timeout = timeval(tv_sec: 15, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    func receive(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }

    func testSocketActivationAndReadinessNotifications() throws {
        let notifyPath = "/tmp/pg-notify-\(UUID().uuidString.prefix(8)).sock"
        let notify = try notifySocket(notifyPath)
        defer {
            close(notify)
            unlink(notifyPath)
        }
        let running = try RunningSite(
            settings: ["NOTIFY_SOCKET": notifyPath], socketActivated: true, testCase: self)
        // The first connection starts it (as systemd does with a socket unit), on fd 3.
        try running.member(email: "sy@example.test", login: "sy", password: "right password")
        XCTAssertEqual(try running.login("sy", "right password").status, 303, "served on the activated socket")
        XCTAssertEqual(receive(notify), "READY=1", running.server.log)
        XCTAssertTrue(running.server.log.contains("fd 3"), running.server.log)

        XCTAssertEqual(running.server.stop(signal: SIGTERM, timeout: 30), 0, running.server.log)
        XCTAssertEqual(receive(notify), "STOPPING=1")
    }
}
