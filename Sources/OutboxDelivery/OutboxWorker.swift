import Foundation
import Logging
import MemberStore
import WordPressCompat

/// The delivery worker of `pressgate serve`: one thread with its own database connection that
/// sends due outbox rows (e-mail over SMTP, CRM notifications as signed webhooks) and retries
/// failures with backoff, and once a minute does the housekeeping (expired thank-you passwords are
/// erased). A crash between commit and send loses nothing: the row stays pending.
public final class OutboxWorker: @unchecked Sendable {
    // @unchecked Sendable: `stopping` is guarded by `lock`; everything else is used only by the worker thread.
    let outbox: OutboxStore
    let settings: DeliverySettings
    let logger: Logger
    private let lock = NSLock()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    public init(database: Database, tables: TableNames, settings: DeliverySettings, logger: Logger) {
        outbox = OutboxStore(database: database, tables: tables)
        self.settings = settings
        self.logger = logger
    }

    public func start() {
        if settings.smtpURL == nil && settings.sendmailCommand == nil {
            logger.warning("no smtp_url or sendmail_command: welcome e-mails stay in the outbox until one is set")
        }
        if settings.crmURL == nil { logger.info("no crm_webhook_url: CRM notifications stay in the outbox") }
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.start()
    }

    /// Stops after the message in hand; returns when the thread has ended.
    public func stop() {
        lock.lock(); stopping = true; lock.unlock()
        finished.wait()
    }

    private var isStopping: Bool { lock.lock(); defer { lock.unlock() }; return stopping }

    private func run() {
        let transfer: CurlTransfer
        do { transfer = try CurlTransfer() } catch {
            logger.error("delivery worker cannot start", metadata: ["error": "\(error)"])
            return
        }
        var lastHousekeeping = Date.distantPast
        while !isStopping {
            if Date().timeIntervalSince(lastHousekeeping) >= 60 {
                if let erased = try? outbox.eraseExpiredSecrets(), erased > 0 {
                    logger.info("erased expired thank-you passwords", metadata: ["count": "\(erased)"])
                }
                try? outbox.purgeOldRows()
                lastHousekeeping = Date()
            }
            let delivered = (try? deliverDue(using: transfer)) ?? 0
            if delivered == 0 {
                for _ in 0..<(settings.pollSeconds * 10) where !isStopping { usleep(100_000) }
            }
        }
    }

    /// One pass: takes due messages of the kinds that can be sent now and sends them.
    @discardableResult
    public func deliverDue() throws -> Int {
        try deliverDue(using: try CurlTransfer())
    }

    func deliverDue(using transfer: CurlTransfer) throws -> Int {
        var kinds: [String] = []
        if settings.smtpURL != nil || settings.sendmailCommand != nil { kinds.append("email") }
        if settings.crmURL != nil && settings.crmSecret != nil { kinds.append("crm") }
        // One message at a time: each is leased right before it is sent, so a slow batch can never
        // outlive its lease and be sent twice by another responder.
        var handled = 0
        while handled < 10, !isStopping, let message = try outbox.take(kinds: kinds, limit: 1).first {
            handled += 1
            do {
                try deliver(message, using: transfer)
                try outbox.markSent(message)
                logger.info("outbox message sent", metadata: ["outbox.id": "\(message.id)", "outbox.kind": "\(message.kind)"])
            } catch {
                logger.warning("outbox delivery failed", metadata: ["outbox.id": "\(message.id)", "outbox.attempt": "\(message.attempt)",
                                                                    "error": "\(error)"])
                try? outbox.markFailed(message, error: "\(error)")
            }
        }
        return handled
    }

    struct NotConfigured: Error, CustomStringConvertible { let description: String }

    private func deliver(_ message: OutboxStore.Message, using transfer: CurlTransfer) throws {
        switch message.kind {
        case "email":
            let mail = try MailComposer.compose(payload: message.payload, settings: settings, messageID: message.id)
            if let command = settings.sendmailCommand {
                try Sendmail.send(mail.bytes, command: command, timeout: settings.timeout)
                return
            }
            guard let url = settings.smtpURL else { throw NotConfigured(description: "smtp_url is not set") }
            try transfer.sendMail(url: url, from: settings.mailFrom, to: mail.to, message: mail.bytes, username: settings.smtpUsername,
                                  password: settings.smtpPassword, requireTLS: settings.smtpRequireTLS, timeout: settings.timeout)
        case "crm":
            guard let url = settings.crmURL, let secret = settings.crmSecret,
                  let key = Base64.decode(secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret) else {
                throw NotConfigured(description: "crm_webhook_url or crm_webhook_secret is not set")
            }
            // Standard Webhooks, as PressGate itself verifies them.
            let id = "outbox_\(message.id)", timestamp = String(Int(Date().timeIntervalSince1970))
            let body = Array(message.payload.utf8)
            let signature = Base64.standard(HMACSHA256.bytes(key: key, message: Array("\(id).\(timestamp).".utf8) + body))
            let status = try transfer.post(url: url, headers: ["Content-Type: application/json", "webhook-id: \(id)",
                                                              "webhook-timestamp: \(timestamp)", "webhook-signature: v1,\(signature)"],
                                           body: body, timeout: settings.timeout)
            guard (200..<300).contains(status) else { throw NotConfigured(description: "the CRM answered HTTP \(status)") }
        default:
            throw NotConfigured(description: "unknown outbox kind \(message.kind)")
        }
    }
}
