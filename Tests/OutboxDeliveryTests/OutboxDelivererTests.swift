import Foundation
import Logging
import PressGateConfiguration
import WordPressCompat
import XCTest

@testable import MemberStore
@testable import OutboxDelivery

/// The one-pass deliverer with a recording transfer, and the worker's thread, without a database.
final class OutboxDelivererTests: XCTestCase {
    final class RecordingTransfer: OutboxTransfer {
        var mails: [(url: String, from: String, to: String, message: String)] = []
        var posts: [(url: String, headers: [String], body: [UInt8])] = []
        var status = 204

        func sendMail(
            url: String, from: String, to: String, message: [UInt8], username: String?, password: String?,
            requireTLS: Bool, timeout: Int
        ) throws {
            mails.append((url, from, to, String(decoding: message, as: UTF8.self)))
        }

        func post(url: String, headers: [String], body: [UInt8], timeout: Int) throws -> Int {
            posts.append((url, headers, body))
            return status
        }
    }

    struct DatabaseDown: Error {}

    /// A connection to nowhere: nothing here may need the database.
    static let nowhere = ConnectionSettings(
        host: nil, socket: "/nonexistent/pressgate-test.sock", user: "u", password: "p",
        database: "d")
    static let tables = TableNames(prefix: "wp_")!
    static let crmKey = [UInt8](repeating: 9, count: 32)

    var settings: DeliverySettings {
        var mail = PressGateSettings.MailSettings()
        mail.smtpURL = "smtp://127.0.0.1:2525"
        var crm = PressGateSettings.CRMSettings()
        crm.webhookURL = "https://crm.example.test/hook"
        crm.webhookSecret = "whsec_" + Base64.standard(Self.crmKey)
        return DeliverySettings(mail: mail, crm: crm)
    }

    func deliverer(
        _ transfer: RecordingTransfer, settings: DeliverySettings? = nil,
        loadSite: @escaping () throws -> SiteIdentity
    ) -> OutboxDeliverer {
        let logger = Logger(label: "test")
        let outbox = OutboxStore(database: Database(settings: Self.nowhere, logger: logger), tables: Self.tables)
        return OutboxDeliverer(
            outbox: outbox, settings: settings ?? self.settings, logger: logger, transfer: transfer,
            loadSite: loadSite)
    }

    static let welcome = OutboxEmail(
        .welcome, to: "pat@example.test", login: "pat", loginURL: "https://shop.test/auth/login"
    ).json

    /// Issue 15: payloads are sealed at rest; the worker opens them with the site's key, reads the
    /// key again once when it does not fit (rotated salts), and sends nothing it cannot open.
    func testSealedPayloadsOpenWithTheSitesKeyOnly() throws {
        let key = StorageSeal.key(secret: Array("site salts".utf8))
        let sealed = try OutboxSealing.seal(Self.welcome, key: key)
        XCTAssertFalse(sealed.contains("pat@example.test"))
        let transfer = RecordingTransfer()
        var keys = [StorageSeal.key(secret: Array("old salts".utf8)), key]
        let outbox = deliverer(transfer) {
            SiteIdentity(name: "Shop", host: "shop.test", storageKey: keys.removeFirst())
        }
        try outbox.send(OutboxStore.Message(id: 7, kind: "email", payload: sealed, attempt: 1))
        XCTAssertEqual(transfer.mails.first?.to, "pat@example.test", "opened after reading the key again")

        let stranger = deliverer(RecordingTransfer()) {
            SiteIdentity(name: "Shop", host: "shop.test", storageKey: StorageSeal.key(secret: Array("other".utf8)))
        }
        XCTAssertThrowsError(try stranger.send(OutboxStore.Message(id: 8, kind: "email", payload: sealed, attempt: 1)))
        {
            XCTAssertFalse("\($0)".contains("pat@"), "no payload in the error")
        }
    }

    func testEmailGoesFromTheSitesHostWithItsName() throws {
        let transfer = RecordingTransfer()
        let outbox = deliverer(transfer) { SiteIdentity(name: "Pat's Shop", host: "shop.test") }
        try outbox.send(OutboxStore.Message(id: 5, kind: "email", payload: Self.welcome, attempt: 1))
        let mail = try XCTUnwrap(transfer.mails.first)
        XCTAssertEqual(mail.from, "wordpress@shop.test")
        XCTAssertEqual(mail.to, "pat@example.test")
        XCTAssertTrue(mail.message.contains("Subject: Welcome to Pat's Shop\r\n"))

        var configured = settings
        configured.mail.from = "team@shop.test"
        let other = RecordingTransfer()
        try deliverer(other, settings: configured) { SiteIdentity(name: "S", host: "shop.test") }
            .send(OutboxStore.Message(id: 6, kind: "email", payload: Self.welcome, attempt: 1))
        XCTAssertEqual(other.mails.first?.from, "team@shop.test")
    }

    /// A database that is down at start does not make "the site" the site's name for good: e-mails
    /// wait, and the name is read again at the next pass.
    func testTheSiteNameIsReadAgainUntilTheDatabaseAnswers() throws {
        let transfer = RecordingTransfer()
        var calls = 0
        let outbox = deliverer(transfer) {
            calls += 1
            if calls == 1 { throw DatabaseDown() }
            return SiteIdentity(name: "Real Name", host: "shop.test")
        }
        let message = OutboxStore.Message(id: 1, kind: "email", payload: Self.welcome, attempt: 1)
        XCTAssertThrowsError(try outbox.send(message))
        XCTAssertTrue(transfer.mails.isEmpty)
        try outbox.send(message)
        XCTAssertTrue(try XCTUnwrap(transfer.mails.first).message.contains("Welcome to Real Name"))
        XCTAssertEqual(calls, 2)
        try outbox.send(message)
        XCTAssertEqual(calls, 2, "read once it worked (and again only at housekeeping)")
    }

    func testCRMNotificationsAreSignedWithStandardWebhooks() throws {
        let transfer = RecordingTransfer()
        let outbox = deliverer(transfer) { throw DatabaseDown() }
        let payload = CRMNotification(
            .purchase, memberID: 3, email: "e@example.test", login: "e", created: true,
            products: "gold", loginURL: "https://shop.test/auth/login"
        ).json
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        try outbox.send(OutboxStore.Message(id: 12, kind: "crm", payload: payload, attempt: 1), now: now)
        let post = try XCTUnwrap(transfer.posts.first)
        XCTAssertEqual(post.url, "https://crm.example.test/hook")
        XCTAssertEqual(try CRMNotification(json: String(decoding: post.body, as: UTF8.self)).memberID, 3)
        let signed = Array("outbox_12.1700000000.".utf8) + post.body
        let signature = "v1," + Base64.standard(HMACSHA256.bytes(key: Self.crmKey, message: signed))
        XCTAssertEqual(
            post.headers,
            [
                "Content-Type: application/json", "webhook-id: outbox_12", "webhook-timestamp: 1700000000",
                "webhook-signature: \(signature)",
            ])

        transfer.status = 500
        XCTAssertThrowsError(try outbox.send(OutboxStore.Message(id: 13, kind: "crm", payload: payload, attempt: 1))) {
            error in
            XCTAssertEqual("\(error)", "the CRM answered HTTP 500")
        }
    }

    func testUnusableMessagesFailWithoutRepeatingThePayload() {
        let outbox = deliverer(RecordingTransfer()) { SiteIdentity(name: "S", host: "shop.test") }
        let secret = #"{"template":"welcome","to":"x@example.test\r\nBcc: y@example.test","login":"secret-login"}"#
        for message in [
            OutboxStore.Message(id: 1, kind: "email", payload: secret, attempt: 1),
            OutboxStore.Message(id: 2, kind: "crm", payload: "{}", attempt: 1),
            OutboxStore.Message(id: 3, kind: "fax", payload: "{}", attempt: 1),
        ] {
            XCTAssertThrowsError(try outbox.send(message)) { error in
                XCTAssertFalse("\(error)".contains("secret-login"), "\(error)")
            }
        }
    }

    /// Nothing can be sent: the pass takes nothing, and never touches the (unreachable) database.
    func testAPassWithNothingSendableTakesNothing() throws {
        let outbox = deliverer(RecordingTransfer(), settings: DeliverySettings()) { SiteIdentity(name: "S", host: "h") }
        XCTAssertEqual(try outbox.deliverDue(), 0)
        // E-mail only, and the site's name cannot be read: e-mails wait, nothing is taken.
        var mailOnly = settings
        mailOnly.crm = .init()
        XCTAssertEqual(try deliverer(RecordingTransfer(), settings: mailOnly) { throw DatabaseDown() }.deliverDue(), 0)
    }

    func testAPassOnADatabaseThatIsDownThrows() {
        let outbox = deliverer(RecordingTransfer()) { SiteIdentity(name: "S", host: "h") }
        XCTAssertThrowsError(try outbox.deliverDue())
    }

    /// The worker's thread makes its own deliverer, keeps going while the database is down, and
    /// `stop` returns once the thread has ended.
    func testTheWorkerStopsPromptlyWhileTheDatabaseIsDown() {
        let worker = OutboxWorker(
            connection: Self.nowhere, tables: Self.tables, settings: settings,
            logger: Logger(label: "test"))
        worker.start()
        Thread.sleep(forTimeInterval: 0.3)
        let started = Date()
        worker.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
    }

    func testAWorkerWhoseDelivererCannotBeMadeStops() {
        struct NoCurl: Error {}
        let worker = OutboxWorker(settings: settings, logger: Logger(label: "test")) { throw NoCurl() }
        worker.start()
        worker.stop()
    }
}
