import MemberStore
import PressGateConfiguration

/// Where the outbox goes: PressGate's `mail` and `crm` settings, plus what the delivery worker
/// needs to know about the site (the blog name and the home host are read from the database by
/// ``SiteIdentity``, lazily and again after a failure).
public struct DeliverySettings: Sendable, Equatable {
    public var mail: PressGateSettings.MailSettings
    public var crm: PressGateSettings.CRMSettings
    /// `WP_HOME` when wp-config.php defines it; else the `home` option gives the sender's host.
    public var homeURL: String?
    /// wp-config.php, whose salts (with the options') make the key sealed payloads open with;
    /// nil: payloads are expected in clear (tests).
    public var wpConfigPath: String?
    /// Seconds after it was queued that a message is retried (`outbox_retry_hours`).
    public var retrySeconds = OutboxStore.defaultRetrySeconds
    /// Seconds one SMTP transaction, sendmail run or CRM request may take.
    public var timeout = 30
    /// How often the worker looks for due messages.
    public var pollSeconds = 1

    public init(
        mail: PressGateSettings.MailSettings = .init(), crm: PressGateSettings.CRMSettings = .init(),
        homeURL: String? = nil
    ) {
        self.mail = mail
        self.crm = crm
        self.homeURL = homeURL
    }

    /// The one place the delivery settings are made from a site's configuration.
    public init(_ configuration: SiteConfiguration) {
        self.init(
            mail: configuration.settings.mail, crm: configuration.settings.crm,
            homeURL: configuration.homeURLConstant)
        wpConfigPath = configuration.wpConfigPath
        retrySeconds = configuration.settings.purchases.outboxRetryHours * 3600
    }

    /// The outbox kinds these settings can send (the others wait without using up attempts).
    var sendableKinds: [String] {
        var kinds: [String] = []
        if mail.smtpURL != nil || mail.sendmailCommand != nil { kinds.append("email") }
        if crm.webhookURL != nil && crm.webhookSecret != nil { kinds.append("crm") }
        return kinds
    }
}
