import Foundation
import PressGateTestSupport
import XCTest

/// The SMTP sink (`scripts/smtp-sink.py`) for one test: its settings for `pressgate serve`, and the
/// messages it received.
final class MailSink {
    let folder: String
    let port: Int

    init(testCase: XCTestCase) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // A random port can be taken (it lies in the ephemeral range the system gives out to
        // outgoing connections): try a few, as the nginx of RunningSite does.
        var started: Int?
        var lastError: Error?
        for _ in 0..<5 where started == nil {
            let candidate = Int.random(in: 46_000...49_500)
            do {
                try TestSite.script(["smtp-start", folder, String(candidate)])
                started = candidate
            } catch {
                lastError = error
            }
        }
        guard let started else { throw lastError ?? TestFailure("the SMTP sink did not start") }
        port = started
        let folder = folder
        testCase.addTeardownBlock {
            _ = try? TestSite.script(["smtp-stop", folder])
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    var settings: [String: String] {
        [
            "PRESSGATE_SMTP_URL": "smtp://127.0.0.1:\(port)", "PRESSGATE_SMTP_REQUIRE_TLS": "false",
            "PRESSGATE_MAIL_FROM": "shop@example.test",
        ]
    }

    /// Messages so far, oldest first.
    var messages: [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/mail")) ?? []).filter {
            $0.hasSuffix(".eml")
        }.sorted()
        return names.compactMap { try? String(contentsOfFile: folder + "/mail/" + $0, encoding: .utf8) }
    }

    /// Waits for the `count`-th message and returns it.
    func waitForMessage(_ count: Int, timeout: TimeInterval = 15) throws -> String {
        guard waitUntil(timeout: timeout, { messages.count >= count }) else {
            throw TestFailure("no e-mail number \(count) arrived")
        }
        return messages[count - 1]
    }

    /// The first line of a message that contains `marker`.
    static func line(containing marker: String, in message: String) -> String? {
        message.components(separatedBy: "\r\n").first { $0.contains(marker) }
    }
}
