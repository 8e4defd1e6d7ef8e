import WordPressCompat

// The settings of each component. Keys, parsers and meanings: PressGateSettings+Keys.swift.

extension PressGateSettings {
    /// How PressGate reaches MariaDB beyond what `DB_HOST` says.
    public struct DatabaseOptions: Sendable, Equatable {
        public var socket = "/var/run/mysqld/mysqld.sock"
        public var connectTimeout = 3
        public var readTimeout = 10
        public var writeTimeout = 10
        public init() {}
    }

    /// `pressgate serve`'s socket and threads.
    public struct ServerSettings: Sendable, Equatable {
        public var listen = "unix:/run/pressgate/pressgate.sock"
        /// Permission bits of the unix socket: owner and group, never every local user by default
        /// (whoever can connect can forge `REMOTE_ADDR` and `HTTPS`).
        public var socketMode: UInt32 = 0o660
        /// nil: the group the process creates files with.
        public var socketGroup: SocketGroup?
        public var threads = 8
        /// Worker threads password hashing may never take (kept for the gate and the pages). Off (0)
        /// by default: past the rest, logins are refused at once (503), which a busy site's genuine
        /// bursts would meet too; a site under a login flood turns it on.
        public var reservedThreads = 0
        public init() {}
    }

    /// The HTTP side of the app: routes, bodies, redirects, the gate's cache, the pages' theme.
    public struct HTTPSettings: Sendable, Equatable {
        public var routePrefix = "/auth"
        public var maximumBodyBytes = 64 * 1024
        public var loginRedirect = "/"
        public var gateCacheSeconds = 2
        public var pagesDirectory: String?
        /// Proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed when one of them is
        /// `REMOTE_ADDR`; empty: those headers are ignored.
        public var trustedProxies: [IPNetwork] = []
        /// Who may read `GET <prefix>/metrics` (loopback by default).
        public var metricsAllow: [IPNetwork] = ["127.0.0.0/8", "::1/128"].compactMap { IPNetwork($0) }
        public init() {}
    }

    /// Hashes, generated and chosen passwords, reset links.
    public struct PasswordSettings: Sendable, Equatable {
        public var hashFormat = HashFormat.phpass
        public var bcryptCost = PasswordHashTarget.defaultBcryptCost
        public var generatedLength = PasswordGenerator.defaultLength
        public var minimumLength = 12
        /// Longer submissions are refused before any hashing (a 4,096-byte password costs phpass
        /// some 50 ms, for unknown names too).
        public var maximumBytes = 1024
        public var resetKeyLifetime = 86_400
        public var resetLinkStyle = ResetLinkStyle.pressgate
        public init() {}

        /// The hash target these settings ask for.
        public var hashTarget: PasswordHashTarget { hashFormat.target(bcryptCost: bcryptCost) }
    }

    /// Purchase hooks: secrets per endpoint (several at once for rotation), product mappings, the
    /// thank-you page's key and lifetime.
    public struct PurchaseSettings: Sendable, Equatable {
        public var defaultRole: String?
        public var webhookSecrets: [String] = []
        public var stripeWebhookSecrets: [String] = []
        public var wooCommerceWebhookSecrets: [String] = []
        public var stripeProductMap: [String: String] = [:]
        /// Hours a message is retried after it was queued before it is marked failed.
        public var outboxRetryHours = 72
        /// Hours a subscription's access outlasts its paid period, and a failed payment.
        public var subscriptionGraceHours = 72
        /// A product's default term in seconds (`course-101=365d, trial=14d`); products not named
        /// have no end unless the event gives one.
        public var productTerms: [String: Int] = [:]
        public var wooCommerceProductMap: [String: String] = [:]
        public var wooCommercePurchaseStatuses = ["completed"]
        public var welcomeKey: [UInt8]?
        public var claimLifetime = 3600
        public init() {}

        /// True when any purchase hook has a secret.
        public var hooksEnabled: Bool {
            !(webhookSecrets.isEmpty && stripeWebhookSecrets.isEmpty && wooCommerceWebhookSecrets.isEmpty)
        }
    }

    /// Auto-login links.
    /// Who may get a session from PressGate (see the README's security model).
    public struct GuardSettings: Sendable, Equatable {
        /// Accounts that can do more than a member (editors, administrators, shop managers) get no
        /// session and no login link from PressGate unless this is on.
        public var allowPrivilegedSessions = false
        public init() {}
    }

    public struct LinkSettings: Sendable, Equatable {
        public var lifetime = 7 * 86_400
        public var uses = 1
        public init() {}
    }

    /// Outbox e-mail: SMTP or a sendmail command, sender, templates.
    public struct MailSettings: Sendable, Equatable {
        public var smtpURL: String?
        public var smtpUsername: String?
        public var smtpPassword: String?
        public var smtpRequireTLS = true
        /// nil: `wordpress@<home host>`, as `wp_mail()` does.
        public var from: String?
        public var sendmailCommand: String?
        public var templatesDirectory: String?
        /// Opt-in (warned about at every start): the generated password goes into the welcome e-mail.
        public var includesPassword = false
        public init() {}
    }

    /// The CRM's signed webhook.
    public struct CRMSettings: Sendable, Equatable {
        public var webhookURL: String?
        public var webhookSecret: String?
        /// Opt-in (warned about at every start): the generated password goes to the CRM in clear.
        public var includesPassword = false
        public init() {}
    }
}

// The groups holding secrets never print them.
extension PressGateSettings.PurchaseSettings: CustomStringConvertible, CustomReflectable {
    public var description: String {
        "PurchaseSettings(hooks \(hooksEnabled ? "enabled" : "disabled"), secrets redacted)"
    }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

extension PressGateSettings.MailSettings: CustomStringConvertible, CustomReflectable {
    public var description: String {
        let transport = sendmailCommand != nil ? "sendmail" : smtpURL != nil ? "smtp" : "none"
        return "MailSettings(transport \(transport), secrets redacted)"
    }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

extension PressGateSettings.CRMSettings: CustomStringConvertible, CustomReflectable {
    public var description: String { "CRMSettings(webhook \(webhookURL == nil ? "off" : "on"), secrets redacted)" }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
