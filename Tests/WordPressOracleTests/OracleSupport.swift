import Foundation
import XCTest

/// Runs real WordPress PHP (`scripts/vectors/oracle.php`: Debian's WordPress 6.1 code, and PHP's own
/// primitives for the 6.8+ formats) on what PressGate produced.
///
/// When PHP or WordPress is missing the tests fail under `scripts/test` and in CI
/// (`PRESSGATE_REQUIRE_ORACLE=1` or `CI=true`); only a plain local `swift test` may skip them.
enum Oracle {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repositoryRoot.appendingPathComponent("scripts/vectors/oracle.php")
    static let wordpress = "/usr/share/wordpress/wp-includes/class-phpass.php"

    static var isRequired: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["PRESSGATE_REQUIRE_ORACLE"] == "1" || environment["CI"] == "true"
    }

    static func phpPath() -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let candidate = "\(directory)/php"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Skips (locally) or fails (when required) if the oracle cannot run here.
    static func requireAvailable() throws -> String {
        if let php = phpPath(), FileManager.default.fileExists(atPath: wordpress) { return php }
        let message = "php-cli and Debian's wordpress package are needed (run scripts/test, which installs them)"
        // Required (scripts/test, CI): a failure, never a skip.
        if isRequired { throw OracleUnavailable(message: message) }
        throw XCTSkip(message)
    }

    /// Sends `items` to oracle.php and returns one result object per item.
    static func check(constants: [String: String] = [:], items: [[String: Any]]) throws -> [[String: Any]] {
        let php = try requireAvailable()
        let request = try JSONSerialization.data(withJSONObject: ["constants": constants, "items": items])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pressgate-oracle-\(UUID().uuidString).json")
        try request.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let output = try run(php, [script.path, file.path])
        let response = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any]
        let results = try XCTUnwrap(
            response?["results"] as? [[String: Any]],
            "oracle.php answered: \(String(decoding: output.stdout, as: UTF8.self))")
        XCTAssertEqual(results.count, items.count)
        return results
    }

    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: Data
    }

    /// Runs a program to completion, feeding `input` on standard input.
    static func run(_ executable: String, _ arguments: [String], input: [UInt8] = []) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both streams concurrently with the writer so that no pipe buffer fills up.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        DispatchQueue.global().async(group: group) { out = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = stderr.fileHandleForReading.readDataToEndOfFile() }
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: out, stderr: err)
    }
}

struct OracleUnavailable: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

extension Array where Element == UInt8 {
    var base64: String { Data(self).base64EncodedString() }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
