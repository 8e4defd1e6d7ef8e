/// What the deliverer sends through: libcurl (``CurlTransfer``) in production, a recorder in tests.
protocol OutboxTransfer: AnyObject {
    /// Sends one message over SMTP (`smtp://` or `smtps://`; STARTTLS per `requireTLS`).
    func sendMail(
        url: String, from: String, to: String, message: [UInt8], username: String?, password: String?,
        requireTLS: Bool, timeout: Int) throws
    /// POSTs `body` and returns the HTTP status.
    func post(url: String, headers: [String], body: [UInt8], timeout: Int) throws -> Int
}

extension CurlTransfer: OutboxTransfer {}
