import Foundation
import Logging
import MemberStore
import WordPressCompat

/// One delivery pass over the outbox: takes the due messages of the kinds that can be sent now and
/// sends them (e-mail over SMTP or sendmail, CRM notifications as signed webhooks), marking each
/// sent or failed (retried with backoff). A crash between commit and send loses nothing: the row
/// stays pending.
///
/// Not thread-safe: a deliverer and its database connection belong to one thread, the
/// ``OutboxWorker``'s or the `pressgate outbox --deliver` command's.
public final class OutboxDeliverer {
    let outbox: OutboxStore
    let settings: DeliverySettings
    let logger: Logger
    let transfer: any OutboxTransfer
    private let loadSite: () throws -> SiteIdentity
    /// The site's name and host once read (again at every ``housekeeping()``).
    private(set) var site: SiteIdentity?
    /// The failure to read it is logged once, not at every pass.
    private var siteFailureLogged = false

    /// A deliverer on `database` (which it then owns) with a libcurl handle of its own.
    public convenience init(database: Database, tables: TableNames, settings: DeliverySettings, logger: Logger) throws {
        let options = SiteOptions(database: database, tables: tables)
        self.init(
            outbox: OutboxStore(database: database, tables: tables, retrySeconds: settings.retrySeconds),
            settings: settings, logger: logger,
            transfer: try CurlTransfer()
        ) { try SiteIdentity.load(options: options, homeURL: settings.homeURL, wpConfigPath: settings.wpConfigPath) }
    }

    init(
        outbox: OutboxStore, settings: DeliverySettings, logger: Logger, transfer: any OutboxTransfer,
        loadSite: @escaping () throws -> SiteIdentity
    ) {
        self.outbox = outbox
        self.settings = settings
        self.logger = logger
        self.transfer = transfer
        self.loadSite = loadSite
    }

    /// Sends up to 10 due messages, one at a time (each is leased right before it is sent, so a slow
    /// batch never outlives its lease and is sent twice by another responder). `shouldStop` is asked
    /// before each message. Returns how many were taken; throws when the outbox cannot be read.
    @discardableResult
    public func deliverDue(shouldStop: () -> Bool = { false }) throws -> Int {
        var kinds = settings.sendableKinds
        // E-mails wait until the site's name is known: never sent as from "the site" by mistake.
        if kinds.contains("email"), identity() == nil { kinds.removeAll { $0 == "email" } }
        var handled = 0
        while handled < 10, !shouldStop(), let message = try outbox.take(kinds: kinds, limit: 1).first {
            handled += 1
            do {
                try send(message)
                try outbox.markSent(message)
                logger.info(
                    "outbox message sent", metadata: ["outbox.id": "\(message.id)", "outbox.kind": "\(message.kind)"])
            } catch {
                logger.warning(
                    "outbox delivery failed",
                    metadata: [
                        "outbox.id": "\(message.id)", "outbox.attempt": "\(message.attempt)", "error": "\(error)",
                    ])
                try? outbox.markFailed(message, error: "\(error)")
            }
        }
        return handled
    }

    /// Once a minute in the worker: expired thank-you passwords erased, old rows purged, and the
    /// site's name and host read again (a renamed site shows in the next e-mails).
    func housekeeping() {
        if let erased = try? outbox.eraseExpiredSecrets(), erased > 0 {
            logger.info("erased expired thank-you passwords", metadata: ["count": "\(erased)"])
        }
        try? outbox.purgeOldRows()
        expireEndedGrants()
        if let fresh = try? loadSite() { site = fresh }
    }

    /// Grants past their end marked expired, with a sealed `membership.expired` notification for the
    /// CRM when one is configured (and the site's key is known).
    func expireEndedGrants() {
        let notifying = settings.crm.webhookURL != nil
        do {
            let key = notifying ? identity()?.storageKey : nil
            let expired = try outbox.expireEndedGrants { notification in
                try key.map { try OutboxSealing.seal(notification.json, key: $0) }
            }
            if expired > 0 { logger.info("grants past their end marked expired", metadata: ["count": "\(expired)"]) }
        } catch {
            logger.warning("could not mark ended grants expired", metadata: ["error": "\(error)"])
        }
    }

    /// The site's identity, read now if it was never read; nil (logged) while the database does not answer.
    func identity() -> SiteIdentity? {
        if let site { return site }
        do {
            site = try loadSite()
            siteFailureLogged = false
        } catch {
            if !siteFailureLogged {
                logger.warning(
                    "cannot read the site's name and home from the database; e-mails wait until it answers",
                    metadata: ["error": "\(error)"])
            }
            siteFailureLogged = true
        }
        return site
    }

    struct NotSendable: Error, CustomStringConvertible { let description: String }

    /// The message's JSON: sealed payloads (``StorageSeal``) opened with the site's key, read again
    /// once when it does not fit (the salts may have rotated since the key was read).
    func payload(of message: OutboxStore.Message) throws -> String {
        guard StorageSeal.isSealed(message.payload) else { return message.payload }
        for attempt in 0..<2 {
            if attempt == 1 { site = try? loadSite() }
            if let key = identity()?.storageKey,
                let opened = StorageSeal.open(message.payload, key: key, purpose: OutboxSealing.purpose)
            {
                return opened
            }
        }
        throw NotSendable(description: "sealed under other salts (rotated since it was queued): cannot be opened")
    }

    /// Sends one message. Its error messages never contain the payload.
    func send(_ message: OutboxStore.Message, now: Date = Date()) throws {
        switch message.kind {
        case "email":
            guard let site = identity() else { throw NotSendable(description: "the site's name is not known yet") }
            let email = try OutboxEmail(json: try payload(of: message))
            let mail = settings.mail
            let from = site.sender(configured: mail.from)
            let sender = MailComposer.Sender(
                address: from, siteName: site.name, templatesDirectory: mail.templatesDirectory)
            let composed = try MailComposer.compose(email, sender: sender, messageID: message.id, now: now)
            if let command = mail.sendmailCommand {
                try Sendmail.send(composed.bytes, command: command, timeout: settings.timeout)
                return
            }
            guard let url = mail.smtpURL else { throw NotSendable(description: "smtp_url is not set") }
            try transfer.sendMail(
                url: url, from: from, to: composed.to, message: composed.bytes, username: mail.smtpUsername,
                password: mail.smtpPassword, requireTLS: mail.smtpRequireTLS, timeout: settings.timeout)
        case "crm":
            guard let url = settings.crm.webhookURL, let secret = settings.crm.webhookSecret,
                let key = Base64.decode(secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret)
            else {
                throw NotSendable(description: "crm_webhook_url or crm_webhook_secret is not set")
            }
            let body = Array(try CRMNotification(json: try payload(of: message)).json.utf8)
            // Standard Webhooks, as PressGate itself verifies them.
            let id = "outbox_\(message.id)"
            let timestamp = String(Int(now.timeIntervalSince1970))
            let signature = Base64.standard(
                HMACSHA256.bytes(key: key, message: Array("\(id).\(timestamp).".utf8) + body))
            let headers = [
                "Content-Type: application/json", "webhook-id: \(id)", "webhook-timestamp: \(timestamp)",
                "webhook-signature: v1,\(signature)",
            ]
            let status = try transfer.post(url: url, headers: headers, body: body, timeout: settings.timeout)
            guard (200..<300).contains(status) else {
                throw NotSendable(description: "the CRM answered HTTP \(status)")
            }
        default:
            throw NotSendable(description: "unknown outbox kind \(message.kind)")
        }
    }
}

/// A deliverer is owned by one thread: it holds a `Database` and a libcurl handle.
@available(*, unavailable)
extension OutboxDeliverer: Sendable {}
