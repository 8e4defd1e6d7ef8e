import Foundation
import XCTest

@testable import FastCGIServer

/// The unix socket `pressgate serve` creates: whoever can connect speaks FastCGI directly (forges
/// `REMOTE_ADDR` and `HTTPS`, skips nginx), so it is 0660 unless configured otherwise, in the group asked for.
final class SocketPermissionsTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = try XCTUnwrap(mkdtemp(strdup("/tmp/pressgate-socket.XXXXXX")).map { String(cString: $0) })
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Opens the socket, returns its mode bits and group, closes it.
    func created(_ permissions: SocketPermissions, umask mask: mode_t = 0) throws -> (mode: UInt32, group: UInt32) {
        let path = directory + "/pressgate.sock"
        let previous = umask(mask)
        defer { umask(previous) }
        let socket = try FastCGIServer.openUnixSocket(path: path, permissions: permissions)
        defer {
            close(socket)
            unlink(path)
        }
        var status = stat()
        XCTAssertEqual(lstat(path, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFSOCK)
        return (UInt32(status.st_mode & 0o7777), UInt32(status.st_gid))
    }

    func testTheDefaultIsOwnerAndGroupOnlyWhateverTheUmask() throws {
        XCTAssertEqual(SocketPermissions.default.mode, 0o660)
        XCTAssertFalse(SocketPermissions.default.admitsEveryone)
        for mask: mode_t in [0, 0o022, 0o077] {
            let socket = try created(.default, umask: mask)
            XCTAssertEqual(socket.mode, 0o660, "umask \(String(mask, radix: 8))")
            XCTAssertEqual(socket.group, UInt32(getegid()), "the process's own group when none is configured")
        }
    }

    func testTheModeAndGroupAskedFor() throws {
        XCTAssertEqual(try created(SocketPermissions(mode: 0o600, groupID: nil)).mode, 0o600)
        XCTAssertEqual(try created(SocketPermissions(mode: 0o666, groupID: nil)).mode, 0o666, "explicitly asked for")
        XCTAssertTrue(SocketPermissions(mode: 0o666, groupID: nil).admitsEveryone)
        // root may give the socket any group; another user only one of its own.
        let group = getuid() == 0 ? UInt32(1) : UInt32(getegid())
        let socket = try created(SocketPermissions(mode: 0o660, groupID: group))
        XCTAssertEqual(socket.group, group)
        XCTAssertEqual(socket.mode, 0o660)
    }
}
