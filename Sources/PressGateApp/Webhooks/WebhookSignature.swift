import PressGateHTTP
import WordPressCompat

/// Signature checks of the three hook formats (standards.md), always over the raw body and in
/// constant time; several secrets may be valid at once (rotation). Any failure is a 401 with one
/// message: the sender learns nothing about which part was wrong.
enum WebhookSignature {
    static let tolerance = 300
    static let refusal = HTTPError(401, message: "The signature is missing, invalid or too old.")

    /// Within ±5 minutes of `now`, compared without arithmetic on the untrusted value (a hostile
    /// timestamp such as Int.min must not overflow).
    static func isFresh(_ timestamp: Int, now: Int) -> Bool {
        timestamp >= now - tolerance && timestamp <= now + tolerance
    }

    /// Standard Webhooks: `webhook-signature` lists `v1,<base64 HMAC-SHA256>` entries of
    /// `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the base64 bytes of `whsec_…`.
    /// Returns the `webhook-id`, the idempotency key.
    static func verifyStandard(_ request: HTTPRequest, secrets: [String], now: Int) throws(HTTPError) -> String {
        guard let id = request.header("webhook-id"), !id.isEmpty, id.utf8.count <= 191,
            let timestampText = request.header("webhook-timestamp"), let timestamp = Int(timestampText),
            let signatures = request.header("webhook-signature")
        else { throw refusal }
        guard isFresh(timestamp, now: now) else { throw refusal }
        let signed = Array("\(id).\(timestampText).".utf8) + request.body
        let offered = signatures.split(separator: " ").compactMap { entry -> [UInt8]? in
            let parts = entry.split(separator: ",", maxSplits: 1)
            guard parts.count == 2, parts[0] == "v1" else { return nil }
            return Base64.decode(String(parts[1]))
        }
        for secret in secrets {
            let keyText = secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret
            guard let key = Base64.decode(keyText) else { continue }
            let expected = HMACSHA256.bytes(key: key, message: signed)
            if offered.contains(where: { ConstantTime.equals($0, expected) }) { return id }
        }
        throw refusal
    }

    /// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]` over `<t>.<body>` with the endpoint
    /// secret's text as the key; other schemes are ignored.
    static func verifyStripe(_ request: HTTPRequest, secrets: [String], now: Int) throws(HTTPError) {
        guard let header = request.header("stripe-signature") else { throw refusal }
        var timestamp: String?
        var offered: [String] = []
        for item in header.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            if parts[0] == "t" { timestamp = String(parts[1]) }
            if parts[0] == "v1" { offered.append(String(parts[1]).lowercased()) }
        }
        guard let timestamp, let time = Int(timestamp), isFresh(time, now: now), !offered.isEmpty else { throw refusal }
        let signed = Array("\(timestamp).".utf8) + request.body
        for secret in secrets {
            let expected = HMACSHA256.hex(key: Array(secret.utf8), message: signed)
            if offered.contains(where: { ConstantTime.equals($0, expected) }) { return }
        }
        throw refusal
    }

    /// WooCommerce: `X-WC-Webhook-Signature` = base64 HMAC-SHA256 of the body with the secret's text.
    /// (WooCommerce sends no timestamp; the delivery id is the idempotency key.)
    static func verifyWooCommerce(_ request: HTTPRequest, secrets: [String]) throws(HTTPError) {
        guard let header = request.header("x-wc-webhook-signature"), let offered = Base64.decode(header) else {
            throw refusal
        }
        for secret in secrets
        where ConstantTime.equals(offered, HMACSHA256.bytes(key: Array(secret.utf8), message: request.body)) {
            return
        }
        throw refusal
    }
}
