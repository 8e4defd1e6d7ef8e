import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// The outbox delivery worker of `pressgate serve`: e-mail to a real SMTP sink, CRM notifications to
/// an HTTP sink, nothing lost while the mail server is down.
final class DeliveryTests: XCTestCase {
    func testWelcomeMailArrivesAfterTheMailServerComesBackAndCRMIsSigned() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-delivery-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let smtpPort = Int.random(in: 46_000...49_000)
        let crmPort = smtpPort + 1
        let crmSecretBytes = [UInt8](repeating: 9, count: 24)
        var settings = PurchaseHookTests.settings
        settings["PRESSGATE_SMTP_URL"] = "smtp://127.0.0.1:\(smtpPort)"
        settings["PRESSGATE_SMTP_REQUIRE_TLS"] = "false"
        settings["PRESSGATE_MAIL_FROM"] = "shop@example.test"
        settings["PRESSGATE_CRM_WEBHOOK_URL"] = "http://127.0.0.1:\(crmPort)/crm"
        settings["PRESSGATE_CRM_WEBHOOK_SECRET"] = "whsec_" + Base64.standard(crmSecretBytes)
        let running = try RunningSite(.installedByWordPress, settings: settings, testCase: self)
        let crm = try ServerProcess(
            "/usr/bin/python3",
            [
                TestSite.repositoryRoot.appendingPathComponent("scripts/http-sink.py").path, folder + "/crm",
                String(crmPort),
            ], environment: [:], logPath: folder + "/crm.log")
        addTeardownBlock {
            crm.stop()
            _ = try? TestSite.script(["smtp-stop", folder])
            try? FileManager.default.removeItem(atPath: folder)
        }

        // The mail server is down when the purchase arrives: the e-mail waits, the purchase succeeds.
        let body = PurchaseHookTests.purchase(email: "mail@example.test", order: "order-mail", username: "mailer")
        let response = try running.http.request(
            "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
            headers: PurchaseHookTests.signed(body, id: "msg_mail"))
        XCTAssertEqual(response.status, 200, response.body + running.server.log)
        let query = SQL("SELECT kind, status, attempts FROM {pg:outbox} ORDER BY id", tables: running.site.tables)
        XCTAssertTrue(
            waitUntil(timeout: 15) {
                ((try? running.site.database.run(query).rows) ?? []).contains {
                    $0.string(0) == "email" && ($0.int(2) ?? 0) >= 1
                }
            }, "the worker tried and failed")
        XCTAssertTrue(
            waitUntil(timeout: 15) {
                ((try? running.site.database.run(query).rows) ?? []).contains {
                    $0.string(0) == "crm" && $0.string(1) == "sent"
                }
            }, "the CRM notification was sent")
        let listing = try TestSite.run(TestSite.pressgateBinary, ["outbox"], environment: running.environment)
        XCTAssertTrue(listing.stdout.contains("email\tpending"), listing.stdout + listing.stderr)

        // Issue 17: three days of outage lose nothing. The e-mail, as if queued 71 hours ago and
        // tried 40 times, fails once more and still waits.
        try running.site.database.run(
            SQL(
                """
                UPDATE {pg:outbox} SET created_at = UTC_TIMESTAMP(6) - INTERVAL 71 HOUR, attempts = 40,
                  next_attempt_at = UTC_TIMESTAMP(6)
                WHERE kind = 'email'
                """, tables: running.site.tables))
        XCTAssertTrue(
            waitUntil(timeout: 15) {
                ((try? running.site.database.run(query).rows) ?? []).contains {
                    $0.string(0) == "email" && ($0.int(2) ?? 0) >= 41
                }
            }, "the worker tried again")
        XCTAssertEqual(
            try running.site.database.run(query).rows.first { $0.string(0) == "email" }?.string(1), "pending")

        // The mail server comes back; once the retry is due the message goes out, once.
        try TestSite.script(["smtp-start", folder, String(smtpPort)])
        try running.site.database.run(
            SQL(
                "UPDATE {pg:outbox} SET next_attempt_at = UTC_TIMESTAMP(6) WHERE status = 'pending'",
                tables: running.site.tables))
        let mailFolder = folder + "/mail"
        XCTAssertTrue(
            waitUntil(timeout: 15) {
                ((try? FileManager.default.contentsOfDirectory(atPath: mailFolder)) ?? []).contains {
                    $0.hasSuffix(".eml")
                }
            })
        Thread.sleep(forTimeInterval: 1.5)
        let mails = try FileManager.default.contentsOfDirectory(atPath: mailFolder).filter { $0.hasSuffix(".eml") }
        XCTAssertEqual(mails.count, 1)
        guard let first = mails.first else { return }
        let mail = try String(contentsOfFile: mailFolder + "/" + first, encoding: .utf8)
        XCTAssertTrue(mail.contains("To: mail@example.test"))
        XCTAssertTrue(mail.contains("Your username: mailer"))
        let link = try XCTUnwrap(
            mail.components(separatedBy: "\r\n").first { $0.contains("/auth/password/reset?login=") })
        let key = try XCTUnwrap(URLComponents(string: link)?.queryItems?.first { $0.name == "key" }?.value)
        // The set-password link is a reset key WordPress itself accepts.
        let check = try running.site.wordpress([["op": "check_password_reset_key", "key": key, "login": "mailer"]])
        XCTAssertEqual(check[0]["result"] as? String, "valid")
        XCTAssertEqual(
            try running.site.database.run(
                SQL("SELECT payload FROM {pg:outbox} WHERE kind = 'email'", tables: running.site.tables)
            )
            .first?.string(0), "{}", "the link is not kept once sent")

        // The CRM got a Standard Webhooks request it can verify, without the password.
        let requests = try FileManager.default.contentsOfDirectory(atPath: folder + "/crm").filter {
            $0.hasSuffix(".req")
        }
        XCTAssertEqual(requests.count, 1)
        guard let request = requests.first else { return }
        let raw = try String(contentsOfFile: folder + "/crm/" + request, encoding: .utf8)
        let (headerLine, crmBody) = (String(raw.prefix { $0 != "\n" }), String(raw.drop { $0 != "\n" }.dropFirst()))
        let headers = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(headerLine.utf8)) as? [String: String])
        let id = try XCTUnwrap(headers["webhook-id"])
        let timestamp = try XCTUnwrap(headers["webhook-timestamp"])
        let expected =
            "v1,"
            + Base64.standard(
                HMACSHA256.bytes(key: crmSecretBytes, message: Array("\(id).\(timestamp).\(crmBody)".utf8)))
        XCTAssertEqual(headers["webhook-signature"], expected)
        XCTAssertTrue(crmBody.contains("\"email\":\"mail@example.test\""))
        XCTAssertFalse(crmBody.contains("password"))
    }
}
