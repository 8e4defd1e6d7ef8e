import PressGateHTTP
import WordPressCompat
import XCTest

@testable import PressGateApp

/// The three signature formats over the raw body: freshness, rotation, header parsing, and one
/// refusal for every way of being wrong.
final class WebhookSignatureTests: XCTestCase {
    let now = 1_800_000_000
    let key = [UInt8](repeating: 7, count: 32)
    var secret: String { "whsec_" + Base64.standard(key) }
    let body = Array(#"{"type":"purchase.completed"}"#.utf8)

    func standard(
        id: String = "msg_1", timestamp: String? = nil, signature: String? = nil, key: [UInt8]? = nil
    ) -> HTTPRequest {
        let time = timestamp ?? String(now)
        let mac = Base64.standard(HMACSHA256.bytes(key: key ?? self.key, message: Array("\(id).\(time).".utf8) + body))
        return HTTPRequest(
            method: .post, path: "/auth/hooks/purchase",
            headers: ["webhook-id": id, "webhook-timestamp": time, "webhook-signature": signature ?? "v1,\(mac)"],
            contentType: "application/json", body: body)
    }

    func refused(_ check: () throws -> Void) -> Bool {
        do {
            try check()
            return false
        } catch let error as HTTPError {
            return error.status == 401 && error.message == WebhookSignature.refusal.message
        } catch {
            return false
        }
    }

    func testStandardWebhooks() throws {
        XCTAssertEqual(try WebhookSignature.verifyStandard(standard(), secrets: [secret], now: now), "msg_1")
        XCTAssertEqual(
            try WebhookSignature.verifyStandard(standard(), secrets: [secret], now: now + 300), "msg_1", "±5 minutes")
        XCTAssertTrue(
            refused { _ = try WebhookSignature.verifyStandard(standard(), secrets: [secret], now: now + 301) })
        XCTAssertTrue(
            refused { _ = try WebhookSignature.verifyStandard(standard(), secrets: [secret], now: now - 301) })
        let otherSecret = "whsec_" + Base64.standard([UInt8](repeating: 9, count: 32))
        XCTAssertTrue(refused { _ = try WebhookSignature.verifyStandard(standard(), secrets: [otherSecret], now: now) })
        XCTAssertEqual(
            try WebhookSignature.verifyStandard(standard(), secrets: [otherSecret, secret], now: now), "msg_1",
            "any of the configured secrets (rotation)")
        XCTAssertEqual(
            try WebhookSignature.verifyStandard(standard(), secrets: [Base64.standard(key)], now: now), "msg_1",
            "the whsec_ prefix is optional")
    }

    func testStandardWebhooksHeaderParsing() throws {
        let good = standard().header("webhook-signature")!
        let list = "v1,AAAA v2,xyz \(good)"
        XCTAssertEqual(
            try WebhookSignature.verifyStandard(standard(signature: list), secrets: [secret], now: now), "msg_1")
        XCTAssertTrue(
            refused {
                _ = try WebhookSignature.verifyStandard(
                    standard(signature: good.replacingOccurrences(of: "v1,", with: "v2,")), secrets: [secret], now: now)
            })
        XCTAssertTrue(
            refused {
                _ = try WebhookSignature.verifyStandard(standard(timestamp: "\(Int.min)"), secrets: [secret], now: now)
            })
        XCTAssertTrue(
            refused {
                _ = try WebhookSignature.verifyStandard(standard(timestamp: "soon"), secrets: [secret], now: now)
            })
        XCTAssertTrue(
            refused { _ = try WebhookSignature.verifyStandard(standard(id: ""), secrets: [secret], now: now) })
        XCTAssertTrue(
            refused {
                _ = try WebhookSignature.verifyStandard(
                    standard(id: String(repeating: "i", count: 192)), secrets: [secret], now: now)
            })
        var tampered = standard()
        tampered.body += [0x20]
        XCTAssertTrue(refused { _ = try WebhookSignature.verifyStandard(tampered, secrets: [secret], now: now) })
        var missing = standard()
        missing.headers["webhook-signature"] = nil
        XCTAssertTrue(refused { _ = try WebhookSignature.verifyStandard(missing, secrets: [secret], now: now) })
    }

    func stripe(_ header: String?) -> HTTPRequest {
        HTTPRequest(
            method: .post, path: "/auth/hooks/stripe", headers: header.map { ["stripe-signature": $0] } ?? [:],
            body: body)
    }

    func stripeMAC(_ secret: String, time: Int) -> String {
        HMACSHA256.hex(key: Array(secret.utf8), message: Array("\(time).".utf8) + body)
    }

    func testStripe() throws {
        let secret = "whsec_stripe_endpoint_secret"
        let old = "whsec_previous_endpoint_secret"
        let mac = stripeMAC(secret, time: now)
        XCTAssertNoThrow(try WebhookSignature.verifyStripe(stripe("t=\(now),v1=\(mac)"), secrets: [secret], now: now))
        XCTAssertNoThrow(
            try WebhookSignature.verifyStripe(
                stripe("t=\(now),v0=abc,v1=deadbeef,v1=\(mac.uppercased())"), secrets: [secret], now: now),
            "several v1 entries, other schemes ignored, hex case-insensitive")
        XCTAssertNoThrow(
            try WebhookSignature.verifyStripe(stripe("t=\(now),v1=\(mac)"), secrets: [old, secret], now: now))
        XCTAssertTrue(
            refused { try WebhookSignature.verifyStripe(stripe("t=\(now),v1=\(mac)"), secrets: [old], now: now) })
        XCTAssertTrue(
            refused {
                try WebhookSignature.verifyStripe(stripe("t=\(now),v1=\(mac)"), secrets: [secret], now: now + 301)
            })
        XCTAssertTrue(refused { try WebhookSignature.verifyStripe(stripe("v1=\(mac)"), secrets: [secret], now: now) })
        XCTAssertTrue(
            refused { try WebhookSignature.verifyStripe(stripe("t=\(now),v0=\(mac)"), secrets: [secret], now: now) })
        XCTAssertTrue(refused { try WebhookSignature.verifyStripe(stripe("garbage"), secrets: [secret], now: now) })
        XCTAssertTrue(refused { try WebhookSignature.verifyStripe(stripe(nil), secrets: [secret], now: now) })
    }

    func testWooCommerce() throws {
        let secret = "woocommerce-secret-1234"
        let signature = Base64.standard(HMACSHA256.bytes(key: Array(secret.utf8), message: body))
        func request(_ value: String?) -> HTTPRequest {
            HTTPRequest(
                method: .post, path: "/", headers: value.map { ["x-wc-webhook-signature": $0] } ?? [:], body: body)
        }
        XCTAssertNoThrow(
            try WebhookSignature.verifyWooCommerce(request(signature), secrets: ["other-secret-1234567", secret]))
        XCTAssertTrue(
            refused { try WebhookSignature.verifyWooCommerce(request(signature), secrets: ["other-secret-1234567"]) })
        XCTAssertTrue(refused { try WebhookSignature.verifyWooCommerce(request("not base64!"), secrets: [secret]) })
        XCTAssertTrue(refused { try WebhookSignature.verifyWooCommerce(request(nil), secrets: [secret]) })
    }

    func testThroughTheRouter() throws {
        let closed = try TestApp()
        XCTAssertEqual(
            closed.post("/auth/hooks/purchase", body: body, contentType: "application/json").status, 404,
            "no secret, no hook")
        let site = try TestApp(settings: [
            "PRESSGATE_WEBHOOK_SECRETS": secret,
            "PRESSGATE_WELCOME_KEY": Base64.standard([UInt8](repeating: 1, count: 32)),
        ])
        let stale = standard(timestamp: String(now - 3600))
        let response = site.execute(stale)
        XCTAssertEqual(response.status, 401)
        XCTAssertEqual(response.text, #"{"error":"The signature is missing, invalid or too old."}"#)
        var wrongKey = standard(key: [UInt8](repeating: 8, count: 32))
        wrongKey.contentType = "application/json"
        XCTAssertEqual(site.execute(wrongKey).status, 401)
    }
}
