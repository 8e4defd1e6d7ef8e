import Foundation
import MemberStore
import XCTest

/// The outbox payloads shared by the app (writer) and the delivery worker (reader).
final class OutboxMessageTests: XCTestCase {
    func testEmailRoundTripsWithTheRowFieldNames() throws {
        let email = OutboxEmail(
            .welcome, to: "pat@example.test", login: "pat", loginURL: "https://shop.test/auth/login",
            products: "gold,silver", setPasswordURL: "https://shop.test/auth/password/reset?login=pat&key=K",
            loginLinkURL: "https://shop.test/auth/link?t=T")
        XCTAssertEqual(try OutboxEmail(json: email.json), email)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(email.json.utf8)) as? [String: String])
        XCTAssertEqual(
            Set(object.keys),
            ["template", "to", "login", "login_url", "products", "set_password_url", "login_link_url"])
        XCTAssertEqual(object["template"], "welcome")
        XCTAssertTrue(email.json.contains(#""login_url":"https://shop.test/auth/login""#), "slashes are not escaped")
        XCTAssertFalse(email.json.contains("password\""), "no password field without the opt-in")
        XCTAssertEqual("\(email)", "OutboxEmail(welcome)", "the description shows no address or link")
    }

    /// Rows written before the shared type (by JSONValue, in its field order) stay readable.
    func testOldFormatRowsAreRead() throws {
        let welcome =
            #"{"template":"welcome-existing","to":"pat@example.test","login":"pat","products":"gold","#
            + #""login_url":"https:\/\/shop.test\/auth\/login","#
            + #""login_link_url":"https://shop.test/auth/link?t=T","password":"s3cr3t"}"#
        XCTAssertEqual(
            try OutboxEmail(json: welcome),
            OutboxEmail(
                .welcomeExisting, to: "pat@example.test", login: "pat", loginURL: "https://shop.test/auth/login",
                products: "gold", loginLinkURL: "https://shop.test/auth/link?t=T", password: "s3cr3t"))
        let reset = #"{"template":"reset","to":"a@example.test","login":"a","login_url":"u","reset_url":"r"}"#
        XCTAssertEqual(try OutboxEmail(json: reset).resetURL, "r")
        for template in OutboxEmail.Template.allCases {
            let row = #"{"template":"\#(template.rawValue)","to":"a@example.test","login":"a"}"#
            XCTAssertEqual(try OutboxEmail(json: row).template, template)
        }
        let crm =
            #"{"event":"member.purchase","member_id":42,"email":"pat@example.test","login":"pat","created":true,"#
            + #""products":"gold","login_url":"https://shop.test/auth/login","#
            + #""login_link_url":"https://shop.test/auth/link?t=T"}"#
        XCTAssertEqual(
            try CRMNotification(json: crm),
            CRMNotification(
                .purchase, memberID: 42, email: "pat@example.test", login: "pat", created: true,
                products: "gold", loginURL: "https://shop.test/auth/login",
                loginLinkURL: "https://shop.test/auth/link?t=T"))
    }

    func testUnusablePayloadsAreRefused() {
        for bad in [
            #"{"template":"nope","to":"a@example.test","login":"a"}"#, #"{"to":"a@example.test"}"#, "not json", "{}",
        ] {
            XCTAssertThrowsError(try OutboxEmail(json: bad), bad)
        }
        XCTAssertThrowsError(try CRMNotification(json: #"{"event":"member.deleted","member_id":1}"#))
    }

    func testCRMNotificationRoundTrips() throws {
        let notification = CRMNotification(
            .purchase, memberID: 7, email: "e@example.test", login: "e", created: false,
            products: "a,b", loginURL: "https://shop.test/auth/login", password: "pw")
        XCTAssertEqual(try CRMNotification(json: notification.json), notification)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(notification.json.utf8)) as? [String: Any])
        XCTAssertEqual(object["member_id"] as? Int, 7)
        XCTAssertEqual(object["event"] as? String, "member.purchase")
        XCTAssertFalse("\(notification)".contains("pw"))
    }
}
