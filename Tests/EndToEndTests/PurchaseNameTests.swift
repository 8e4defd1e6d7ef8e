import Foundation
import MemberStore
import PressGateTestSupport
import XCTest

/// A buyer's name or username is never a reason to lose a purchase: markup, backslashes, `%XX`,
/// line breaks and a taken or unusable username all make a member (named as WordPress would name
/// them) and grant the product, through the real purchase hook.
final class PurchaseNameTests: XCTestCase {
    struct Buyer {
        let first: String, last: String, username: String?
    }

    static let buyers = [
        Buyer(first: "Pat", last: "Buyer", username: "pat"),
        Buyer(first: "<b>Bold</b> <script>x</script>Eve", last: "a > b \\ c", username: "%41%42"),
        Buyer(first: "Eve\r\nBcc: all@example.test", last: "%41nn\t%4", username: "<>"),
        Buyer(first: "a < b", last: "O'Brien & Co", username: "..."),
        Buyer(first: String(repeating: "Long", count: 300), last: "", username: String(repeating: "u", count: 80)),
    ]

    func meta(_ dump: [String: Any], _ key: String) -> String? {
        (dump["meta"] as? [[String]])?.first { $0.first == key }?.last
    }

    func testHostileNamesAndTakenUsernamesKeepThePurchase() throws {
        let running = try RunningSite(.installedByWordPress, settings: PurchaseHookTests.settings, testCase: self)
        try running.member(email: "pat@example.test", login: "pat", password: "pat's own password 1")
        for (index, buyer) in Self.buyers.enumerated() {
            var event: [String: Any] = [
                "type": "purchase.completed", "order": "order-name-\(index)", "email": "buyer\(index)@example.test",
                "first_name": buyer.first, "last_name": buyer.last, "products": ["members"],
            ]
            event["username"] = buyer.username
            let body = String(decoding: try JSONSerialization.data(withJSONObject: event), as: UTF8.self)
            let response = try running.http.request(
                "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
                headers: PurchaseHookTests.signed(body, id: "msg_name_\(index)"))
            XCTAssertEqual(response.status, 200, "\(index): \(response.body)")
            XCTAssertTrue(response.body.contains(#""created":true"#), response.body)
            let member = try XCTUnwrap(try running.site.members.find(email: "buyer\(index)@example.test"))
            XCTAssertNotEqual(member.login.lowercased(), "pat", "a taken username gives way")
            XCTAssertTrue(member.login.hasPrefix("buyer\(index)") || member.login == buyer.username, member.login)
            XCTAssertEqual(
                try running.site.database.run(
                    SQL(
                        "SELECT COUNT(*) FROM {pg:memberships} WHERE user_id = ? AND status = 'active'",
                        tables: running.site.tables), [.int(member.id)]
                ).first?.int(0), 1)

            // WordPress stores the same names from the same input (wp_insert_user's filters).
            let ours = try XCTUnwrap(try running.site.wordpress([["op": "dump_user", "id": Int(member.id)]]).first)
            let created = try running.site.wordpress([
                [
                    "op": "insert_user", "user_login": "wp\(index)", "user_email": "wp\(index)@example.test",
                    "user_pass": "pw", "first_name": buyer.first, "last_name": buyer.last,
                ]
            ])
            let theirID = try XCTUnwrap(created.first?["id"] as? Int, "\(created)")
            let theirs = try XCTUnwrap(try running.site.wordpress([["op": "dump_user", "id": theirID]]).first)
            guard index < 4 else { continue }  // WordPress keeps a name of any length; PressGate cuts it
            XCTAssertEqual(meta(ours, "first_name"), meta(theirs, "first_name"), "\(index)")
            XCTAssertEqual(meta(ours, "last_name"), meta(theirs, "last_name"), "\(index)")
            XCTAssertEqual(
                (ours["user"] as? [String: String])?["display_name"],
                (theirs["user"] as? [String: String])?["display_name"], "\(index)")
        }
        let pat = try XCTUnwrap(try running.site.members.find(email: "pat@example.test"))
        XCTAssertEqual(pat.login, "pat", "the existing member is untouched")
    }
}
