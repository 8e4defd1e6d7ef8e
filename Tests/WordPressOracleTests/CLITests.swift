import Foundation
import XCTest

/// The `pressgate` binary as an operator runs it: passwords on standard input, exit codes 0/1/2,
/// and hashes WordPress accepts.
final class CLITests: XCTestCase {
    var binary: String {
        // The test bundle sits next to the products it was built with.
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let direct = products.appendingPathComponent("pressgate").path
        return FileManager.default.isExecutableFile(atPath: direct)
            ? direct
            : Oracle.repositoryRoot.appendingPathComponent(".build/debug/pressgate").path
    }

    func run(_ arguments: [String], input: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let output = try Oracle.run(binary, arguments, input: input.bytes)
        return (
            output.status, String(decoding: output.stdout, as: UTF8.self),
            String(decoding: output.stderr, as: UTF8.self)
        )
    }

    func testCheckPasswordExitCodes() throws {
        let hash = "$P$BabcdefgH8lXzTuDC0.HJ2ay2ddT0x1"
        XCTAssertEqual(try run(["check-password", hash], input: "correct horse\n").status, 0)
        XCTAssertEqual(try run(["check-password", hash], input: "correct horse\n").stdout, "match\n")
        let wrong = try run(["check-password", hash], input: "correct horsf")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertEqual(wrong.stdout, "no match\n")
        // Only one trailing newline is removed.
        XCTAssertEqual(try run(["check-password", hash], input: "correct horse\n\n").status, 1)
        XCTAssertEqual(try run(["check-password"], input: "").status, 2)
        XCTAssertEqual(try run(["check-password", hash, "--wordpress", "5.0"], input: "").status, 2)
        XCTAssertEqual(try run(["check-password", hash, "extra"], input: "").status, 2)
        XCTAssertEqual(try run(["frobnicate"], input: "").status, 2)
    }

    func testHashPasswordOutputsWhatWordPressAccepts() throws {
        let phpass = try run(["hash-password"], input: "pässwörd with spaces\n")
        XCTAssertEqual(phpass.status, 0)
        let hash = phpass.stdout.trimmingCharacters(in: .newlines)
        XCTAssertTrue(hash.hasPrefix("$P$B") && hash.utf8.count == 34, hash)
        let bcrypt = try run(["hash-password", "--format", "wp-bcrypt", "--cost", "5"], input: "pässwörd with spaces")
        let wpHash = bcrypt.stdout.trimmingCharacters(in: .newlines)
        XCTAssertTrue(wpHash.hasPrefix("$wp$2y$05$"), wpHash)

        let items: [[String: Any]] = [
            [
                "kind": "password_check", "wordpress": "6.1", "password_b64": "pässwörd with spaces".bytes.base64,
                "hash": hash,
            ],
            [
                "kind": "password_check", "wordpress": "6.8", "password_b64": "pässwörd with spaces".bytes.base64,
                "hash": wpHash,
            ],
        ]
        XCTAssertEqual(try Oracle.check(items: items).map { $0["match"] as? Bool }, [true, true])
    }

    func testHashPasswordRefusesBadInputWithoutEchoingIt() throws {
        let empty = try run(["hash-password"], input: " \n")
        XCTAssertEqual(empty.status, 1)
        XCTAssertEqual(empty.stdout, "")
        let long = try run(["hash-password"], input: String(repeating: "s3cr3t", count: 700))
        XCTAssertEqual(long.status, 1)
        XCTAssertFalse(long.stderr.contains("s3cr3t"), "the password never appears in an error")
        XCTAssertEqual(try run(["hash-password", "--format", "md5"], input: "x").status, 2)
        XCTAssertEqual(try run(["hash-password", "--format", "wp-bcrypt", "--cost", "99"], input: "x").status, 2)
    }
}
