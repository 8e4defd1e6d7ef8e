import Foundation
import MemberStore
import PressGateTestSupport
import XCTest

/// Who can mint login links: purchases only for members they created, the CRM hook never for an
/// account that can do more than a member (whatever `allow_privileged_sessions` says), and the hook
/// once per `webhook-id`.
final class LoginLinkMintingTests: XCTestCase {
    static let settings = PurchaseHookTests.settings.merging(["PRESSGATE_ALLOW_PRIVILEGED_SESSIONS": "true"]) {
        $1
    }

    func hook(_ running: RunningSite, _ body: String, id: String) throws -> HTTPClient.Response {
        try running.http.request(
            "POST", "/auth/hooks/login-link", rawBody: body, contentType: "application/json",
            headers: PurchaseHookTests.signed(body, id: id))
    }

    func purchase(_ running: RunningSite, email: String, order: String) throws -> HTTPClient.Response {
        let body = PurchaseHookTests.purchase(email: email, order: order)
        return try running.http.request(
            "POST", "/auth/hooks/purchase", rawBody: body, contentType: "application/json",
            headers: PurchaseHookTests.signed(body, id: "msg_\(order)"))
    }

    func linkCount(_ running: RunningSite) throws -> Int64? {
        try running.site.database.run(
            SQL("SELECT COUNT(*) FROM {pg:tokens} WHERE purpose = 'login_link'", tables: running.site.tables)
        ).first?.int(0)
    }

    func payloads(_ running: RunningSite) throws -> [String] {
        try running.site.database.run(SQL("SELECT payload FROM {pg:outbox}", tables: running.site.tables)).rows
            .compactMap { $0.string(0) }
    }

    /// An existing member's purchase (anyone can type that e-mail at a checkout) carries no link;
    /// a new member's does.
    func testPurchasesMintLinksOnlyForMembersTheyCreate() throws {
        let running = try RunningSite(settings: PurchaseHookTests.settings, testCase: self)
        try running.member(email: "old@example.test", login: "old", password: "an old member's password")
        XCTAssertEqual(try purchase(running, email: "old@example.test", order: "order-old").status, 200)
        XCTAssertEqual(try linkCount(running), 0)
        let written = try payloads(running)
        XCTAssertFalse(written.contains { $0.contains("/link?t=") }, "\(written)")

        XCTAssertEqual(try purchase(running, email: "new@example.test", order: "order-new").status, 200)
        XCTAssertEqual(try linkCount(running), 1)
    }

    /// With `allow_privileged_sessions` on, an administrator may log in through PressGate, but the
    /// webhook secret still mints nothing for the account: the hook answers as for an unknown e-mail.
    func testSendersNeverGetLinksForPrivilegedAccounts() throws {
        let running = try RunningSite(.installedByWordPress, settings: Self.settings, testCase: self)
        _ = try running.site.wordpress([
            [
                "op": "insert_user", "user_email": "boss@example.test", "user_pass": "a long enough password 1",
                "user_login": "boss", "role": "administrator",
            ]
        ])
        let admin = try hook(running, #"{"email":"boss@example.test","redirect":"/wp-admin/"}"#, id: "msg_admin")
        let unknown = try hook(running, #"{"email":"nobody@example.test","redirect":"/wp-admin/"}"#, id: "msg_nobody")
        XCTAssertEqual(admin.status, 404, admin.body)
        XCTAssertEqual(admin.status, unknown.status)
        XCTAssertEqual(admin.body, unknown.body, "nothing tells an administrator from nobody")
        XCTAssertFalse(admin.body.contains("/link?t="))

        XCTAssertEqual(try purchase(running, email: "boss@example.test", order: "order-admin").status, 200)
        XCTAssertEqual(try linkCount(running), 0)
        XCTAssertFalse(try payloads(running).contains { $0.contains("/link?t=") })
    }

    /// A replayed request (same `webhook-id`) mints no second link and gets the first answer without
    /// the URL; a refusal is replayed as a refusal even after the member exists.
    func testTheHookMintsOncePerWebhookID() throws {
        let running = try RunningSite(settings: PurchaseHookTests.settings, testCase: self)
        let member = try running.member(email: "cam@example.test", login: "cam", password: "cam's password here")
        let body = #"{"email":"cam@example.test","redirect":"/members/"}"#
        let first = try hook(running, body, id: "msg_once")
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertTrue(first.body.contains("/auth/link?t="), first.body)
        XCTAssertTrue(first.body.contains(#""duplicate":false"#), first.body)
        for _ in 0..<3 {
            let replay = try hook(running, body, id: "msg_once")
            XCTAssertEqual(replay.status, 200, replay.body)
            XCTAssertEqual(replay.body, #"{"member_id":\#(member.id),"duplicate":true}"#)
        }
        XCTAssertEqual(try linkCount(running), 1)
        XCTAssertEqual(try hook(running, body, id: "msg_twice").status, 200, "a new webhook-id is a new request")
        XCTAssertEqual(try linkCount(running), 2)

        let early = #"{"email":"later@example.test"}"#
        let refused = try hook(running, early, id: "msg_early")
        XCTAssertEqual(refused.status, 404)
        try running.member(email: "later@example.test", login: "later", password: "later's password here")
        let replayed = try hook(running, early, id: "msg_early")
        XCTAssertEqual(replayed.status, 404)
        XCTAssertEqual(replayed.body, refused.body)
        XCTAssertEqual(try linkCount(running), 2)
    }
}
