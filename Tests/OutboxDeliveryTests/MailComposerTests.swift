import Foundation
import MemberStore
import XCTest

@testable import OutboxDelivery

final class MailComposerTests: XCTestCase {
    let sender = MailComposer.Sender(address: "shop@example.test", siteName: "Ünïcode Shop", templatesDirectory: nil)

    /// Composes an e-mail from a row's JSON, as the deliverer does.
    func compose(
        payload: String, sender: MailComposer.Sender, messageID: UInt64,
        now: Date = Date()
    ) throws -> MailComposer.Mail {
        try MailComposer.compose(OutboxEmail(json: payload), sender: sender, messageID: messageID, now: now)
    }

    func payload(_ extra: String = "") -> String {
        #"{"template":"welcome","to":"pat@example.test","login":"pat","login_url":"https://shop.test/auth/login","set_password_url":"https://shop.test/wp-login.php?login=pat&key=K&action=rp""#
            + extra + "}"
    }

    func testBuiltInWelcome() throws {
        let mail = try compose(payload: payload(), sender: sender, messageID: 7, now: Date(timeIntervalSince1970: 0))
        let text = String(decoding: mail.bytes, as: UTF8.self)
        XCTAssertEqual(mail.to, "pat@example.test")
        XCTAssertTrue(text.contains("Subject: =?UTF-8?B?"), "non-ASCII subjects are RFC 2047 encoded")
        XCTAssertTrue(text.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        XCTAssertTrue(text.contains("Your username: pat\r\n"))
        XCTAssertTrue(text.contains("https://shop.test/wp-login.php?login=pat&key=K&action=rp\r\n"))
        XCTAssertFalse(text.contains("Your password"), "no password without the opt-in")
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
        let withPassword = try compose(payload: payload(#","password":"s3cr3t!""#), sender: sender, messageID: 8)
        XCTAssertTrue(String(decoding: withPassword.bytes, as: UTF8.self).contains("Your password: s3cr3t!"))
    }

    /// The Two Factor plugin's e-mailed code, in the plugin's own words.
    func testTwoFactorCode() throws {
        let email = OutboxEmail(.twoFactorCode, to: "em@example.test", login: "em", code: "51734326", ip: "203.0.113.7")
        let mail = try MailComposer.compose(email, sender: sender, messageID: 9)
        let text = String(decoding: mail.bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("\r\n\r\n51734326\r\n"), text)
        XCTAssertTrue(text.contains("This code will expire in 15 minutes."))
        XCTAssertTrue(text.contains("A user from IP address 203.0.113.7 has successfully authenticated as em."))
        XCTAssertEqual(try OutboxEmail(json: email.json), email, "the code survives the outbox row")
    }

    func testSiteTemplatesReplaceTheBuiltInOnesWithAnHTMLPart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Subject: Hello {{login}}\n\nHi {{login}}!{{#password}} Never shown{{/password}}\n".write(
            to: folder.appendingPathComponent("welcome.txt"), atomically: true, encoding: .utf8)
        try "Subject: ignored\n\n<p>Hi {{login}} <a href=\"{{set_password_url}}\">set</a></p>\n".write(
            to: folder.appendingPathComponent("welcome.html"), atomically: true, encoding: .utf8)
        let custom = MailComposer.Sender(
            address: sender.address, siteName: sender.siteName,
            templatesDirectory: folder.path)
        let text = String(decoding: try compose(payload: payload(), sender: custom, messageID: 9).bytes, as: UTF8.self)
        XCTAssertTrue(text.contains("Subject: Hello pat\r\n"))
        XCTAssertTrue(text.contains("Content-Type: multipart/alternative; boundary="))
        XCTAssertTrue(text.contains("Hi pat!\r\n"))
        XCTAssertFalse(text.contains("Never shown"))
        XCTAssertTrue(
            text.contains("href=\"https://shop.test/wp-login.php?login=pat&amp;key=K&amp;action=rp\""),
            "HTML values are escaped")
    }

    func testBadPayloadsAreRefused() {
        for bad in [
            #"{"template":"welcome","to":"x@example.test\r\nBcc: y@example.test","login":"x"}"#,
            #"{"template":"nope","to":"x@example.test","login":"x"}"#, "not json", #"{"to":"x@example.test"}"#,
        ] {
            XCTAssertThrowsError(try compose(payload: bad, sender: sender, messageID: 1), bad)
        }
    }
}
