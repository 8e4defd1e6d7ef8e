/// Where the outbox goes: an SMTP server for e-mail, a URL for CRM notifications.
public struct DeliverySettings: Sendable {
    /// `smtp://host:port` or `smtps://host:port`; nil leaves e-mails pending (and logged at start).
    public var smtpURL: String?
    public var smtpUsername: String?
    public var smtpPassword: String?
    /// Refuse to send without TLS (STARTTLS on smtp://). Off only for a loopback sink.
    public var smtpRequireTLS = true
    public var mailFrom = "wordpress@localhost"
    public var siteName = "the site"
    /// The CRM's webhook URL and its Standard Webhooks secret (`whsec_…`); nil leaves CRM rows pending.
    public var crmURL: String?
    public var crmSecret: String?
    /// `mail_templates_dir`: files that replace the built-in texts.
    public var templatesDirectory: String?
    /// `sendmail_command`: used instead of SMTP when set (the message on its standard input).
    public var sendmailCommand: String?
    public var timeout = 30
    /// How often the worker looks for due messages.
    public var pollSeconds = 1

    public init() {}
}
