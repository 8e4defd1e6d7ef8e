import Foundation
import XCTest

@testable import OutboxDelivery

/// The sendmail transport against real commands (small shell scripts): the message arrives whole,
/// and a command that fails, exits early or stops reading gives an error instead of a hang.
final class SendmailTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        signal(SIGPIPE, SIG_IGN)  // as `pressgate` does at start; the transport relies on EPIPE
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-sendmail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func script(_ name: String, _ body: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try ("#!/bin/sh\n" + body + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    /// Larger than a pipe's buffer, so a command that does not read blocks the writer.
    let large = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)

    func testTheWholeMessageReachesTheCommand() throws {
        let out = folder.appendingPathComponent("received").path
        let command = try script("accept", "cat > \"$1\"") + " " + out
        try Sendmail.send(large, command: command, timeout: 10)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)), Data(large))
    }

    func testAFailingCommandIsAnError() throws {
        let command = try script("refuse", "cat > /dev/null; exit 3")
        XCTAssertThrowsError(try Sendmail.send(Array("Subject: x\r\n\r\nbody".utf8), command: command, timeout: 10)) {
            XCTAssertTrue("\($0)".contains("exited with 3"), "\($0)")
        }
    }

    func testACommandThatExitsWithoutReadingIsAnError() throws {
        let command = try script("early", "exit 4")
        XCTAssertThrowsError(try Sendmail.send(large, command: command, timeout: 10)) {
            XCTAssertTrue("\($0)".contains("did not read the message (exited with 4)"), "\($0)")
        }
    }

    func testACommandThatStopsReadingMeetsTheDeadline() throws {
        let command = try script("stall", "exec sleep 30")
        XCTAssertThrowsError(try Sendmail.send(large, command: command, timeout: 1)) {
            XCTAssertTrue("\($0)".contains("did not read the message within 1 s"), "\($0)")
        }
    }

    func testACommandThatNeverExitsMeetsTheDeadline() throws {
        let command = try script("linger", "cat > /dev/null; exec sleep 30")
        XCTAssertThrowsError(try Sendmail.send(Array("Subject: x\r\n\r\nbody".utf8), command: command, timeout: 1)) {
            XCTAssertTrue("\($0)".contains("did not finish within 1 s"), "\($0)")
        }
    }

    /// The command inherits none of PressGate's descriptors (sockets, database connections) and
    /// none of its environment (which may hold PRESSGATE_* passwords): only PATH.
    func testTheCommandGetsNoDescriptorsAndNoEnvironmentOfOurs() throws {
        let inherited = open("/dev/null", O_RDONLY)  // no O_CLOEXEC: a plain fork/exec would pass it on
        XCTAssertGreaterThan(inherited, 2)
        defer { close(inherited) }
        setenv("PRESSGATE_TEST_SECRET", "not-for-the-command", 1)
        defer { unsetenv("PRESSGATE_TEST_SECRET") }
        let report = folder.appendingPathComponent("report").path
        let command =
            try script(
                "inspect",
                """
                cat > /dev/null
                if [ -e /proc/$$/fd/\(inherited) ]; then echo "fd \(inherited) inherited"; fi > "$1"
                env >> "$1"
                """) + " " + report
        try Sendmail.send(Array("Subject: x\r\n\r\nbody".utf8), command: command, timeout: 10)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        XCTAssertFalse(text.contains("inherited"), text)
        XCTAssertFalse(text.contains("PRESSGATE_TEST_SECRET"), text)
        XCTAssertTrue(text.contains("PATH=/usr/local/sbin"), text)
    }
}
