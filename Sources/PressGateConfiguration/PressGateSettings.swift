import WordPressCompat

/// PressGate's own settings: everything wp-config.php does not already say. Every setting has a
/// default; a `key = value` file (`--config`, `PRESSGATE_CONFIG`) overrides it, and the environment
/// (`PRESSGATE_<KEY>`) overrides the file. The README's configuration table lists the same keys.
public struct PressGateSettings: Sendable, Equatable {
    /// `phpass` (default, read by every WordPress) or `wp-bcrypt` (WordPress 6.8+ only).
    public var hashFormat = "phpass"
    public var bcryptCost = PasswordHashTarget.defaultBcryptCost
    /// Overrides the version read from `wp-includes/version.php` (e.g. `6.7.2`, `6.8`).
    public var wordpressVersion: String?
    /// Role of members PressGate creates; empty means the site's `default_role` option.
    public var defaultRole: String?
    public var generatedPasswordLength = PasswordGenerator.defaultLength
    /// The socket used when `DB_HOST` is `localhost` without one (PHP's `mysqli.default_socket` on Debian).
    public var databaseSocket = "/var/run/mysqld/mysqld.sock"
    public var databaseConnectTimeout = 3
    public var databaseReadTimeout = 10
    public var databaseWriteTimeout = 10
    /// `pressgate serve`: where to listen when `--listen` is not given and fd 0 is no socket.
    public var listen = "unix:/run/pressgate/pressgate.sock"
    public var threads = 8
    /// Seconds the gate may reuse a "yes" for the same logged-in cookie and product (0: never).
    public var gateCacheSeconds = 2
    public var routePrefix = "/auth"
    public var maximumBodyBytes = 64 * 1024
    /// Where a login goes when `redirect_to` is missing or points off the site.
    public var loginRedirect = "/"
    public var logLevel = "info"
    /// Purchase hooks: secrets per endpoint (several at once for rotation), product mappings.
    public var webhookSecrets: [String] = []
    public var stripeWebhookSecrets: [String] = []
    public var wooCommerceWebhookSecrets: [String] = []
    public var stripeProductMap: [String: String] = [:]
    public var wooCommerceProductMap: [String: String] = [:]
    public var wooCommercePurchaseStatuses: [String] = ["completed"]
    /// AES-256-GCM key (base64 of 32 bytes) for the generated password waiting for the thank-you page.
    public var welcomeKey: [UInt8]?
    public var claimLifetime = 3600
    /// Outbox delivery.
    public var smtpURL: String?
    public var smtpUsername: String?
    public var smtpPassword: String?
    public var smtpRequireTLS = true
    public var mailFrom: String?
    public var crmWebhookURL: String?
    public var crmWebhookSecret: String?
    /// Opt-ins that put the generated password into the welcome e-mail / the CRM notification
    /// (off by default; `pressgate serve` warns at every start while one is on).
    public var welcomeEmailIncludesPassword = false
    public var crmIncludesPassword = false
    /// A folder whose `welcome.txt`, `welcome.html`, `welcome-existing.txt`, `welcome-existing.html`
    /// replace the built-in e-mail texts.
    public var mailTemplatesDirectory: String?
    /// A sendmail-compatible command (`/usr/sbin/sendmail -t -i`) used instead of SMTP.
    public var sendmailCommand: String?
    /// Recovery and account.
    public var passwordMinimumLength = 12
    /// Seconds a reset key (forgot-password and welcome set-password links) is valid on PressGate's page.
    public var resetKeyLifetime = 86_400
    /// `pressgate` (PressGate's reset page) or `wordpress` (wp-login.php's, 6.7+ URL form) in e-mails.
    public var resetLinkStyle = "pressgate"
    /// Auto-login links: lifetime and uses of a new link.
    public var loginLinkLifetime = 7 * 86_400
    public var loginLinkUses = 1
    /// A folder with `layout.html` ({{title}}, {{style}}, {{content}}) and/or `style.css` that theme every page.
    public var pagesDirectory: String?

    public init() {}

    /// The documented keys, their defaults and meaning (the README's table is written from this).
    public static let keys: [(key: String, defaultValue: String, meaning: String)] = [
        ("hash_format", "phpass", "hash format PressGate writes: phpass or wp-bcrypt (6.8+ sites only)"),
        ("bcrypt_cost", "10", "bcrypt cost for wp-bcrypt (4-31)"),
        ("wordpress_version", "from wp-includes/version.php", "WordPress version rules to follow, e.g. 6.7.2 or 6.8"),
        ("default_role", "the site's default_role option", "role given to members PressGate creates"),
        ("generated_password_length", "16", "length of generated member passwords (12-128)"),
        ("db_socket", "/var/run/mysqld/mysqld.sock", "socket used when DB_HOST is localhost without one"),
        ("db_connect_timeout", "3", "seconds to wait for MariaDB to accept a connection"),
        ("db_read_timeout", "10", "seconds to wait for a query's answer"),
        ("db_write_timeout", "10", "seconds to wait while sending a query"),
        ("listen", "unix:/run/pressgate/pressgate.sock", "pressgate serve: unix:PATH or HOST:PORT (fd 0 when started by spawn-fcgi)"),
        ("threads", "8", "pressgate serve: worker threads, each with its own database connection (1-256)"),
        ("gate_cache_seconds", "2", "seconds the gate reuses a yes for one cookie and product: a session ended or product revoked outside this process reaches the gate that much later (0-60; 0 = off)"),
        ("route_prefix", "/auth", "path prefix of PressGate's routes"),
        ("max_body_bytes", "65536", "larger request bodies are answered 413 (1 KiB-1 MiB)"),
        ("login_redirect", "/", "where a login goes when redirect_to is missing or not on this site"),
        ("log_level", "info", "trace, debug, info, notice, warning, error or critical"),
        ("webhook_secrets", "(none: hook disabled)", "secrets of POST /auth/hooks/purchase (whsec_…), separated by spaces or commas"),
        ("stripe_webhook_secrets", "(none: hook disabled)", "Stripe endpoint secrets (whsec_…) of POST /auth/hooks/stripe"),
        ("woocommerce_webhook_secrets", "(none: hook disabled)", "WooCommerce webhook secrets of POST /auth/hooks/woocommerce"),
        ("stripe_product_map", "(values used as they are)", "metadata.product or client_reference_id value=product slug, comma separated"),
        ("woocommerce_product_map", "(product ids used as they are)", "WooCommerce product id or SKU=product slug, comma separated"),
        ("woocommerce_purchase_statuses", "completed", "order statuses that grant the products (e.g. completed,processing)"),
        ("welcome_key", "(none: required when a hook is enabled)", "base64 of 32 random bytes: AES-256-GCM key for the thank-you password"),
        ("claim_lifetime", "3600", "seconds a thank-you page (claim link) stays valid"),
        ("smtp_url", "(none: e-mails wait in the outbox)", "smtp://host:port or smtps://host:port of the mail server"),
        ("smtp_username", "(none)", "SMTP AUTH user"),
        ("smtp_password", "(none)", "SMTP AUTH password (file or PRESSGATE_SMTP_PASSWORD, never a flag)"),
        ("smtp_require_tls", "true", "refuse to send without TLS (STARTTLS on smtp://); false only for a loopback sink"),
        ("mail_from", "wordpress@<site host>", "sender address of PressGate's e-mails"),
        ("crm_webhook_url", "(none: CRM rows wait in the outbox)", "URL that receives signed member events"),
        ("crm_webhook_secret", "(none)", "Standard Webhooks secret (whsec_…) used to sign CRM notifications"),
        ("welcome_email_includes_password", "false", "put the generated password into the welcome e-mail (warned about at every start)"),
        ("crm_includes_password", "false", "put the generated password into the CRM notification (warned about: the CRM field is not encrypted)"),
        ("mail_templates_dir", "(built-in texts)", "folder with welcome.txt / .html and welcome-existing.txt / .html to use instead"),
        ("sendmail_command", "(none: SMTP)", "a sendmail-compatible command reading the message on stdin, e.g. /usr/sbin/sendmail -t -i"),
        ("password_min_length", "12", "shortest password a member may choose (8-64)"),
        ("reset_key_lifetime", "86400", "seconds a reset or set-password link works on PressGate's page (WordPress's own page: 1 day)"),
        ("reset_link_style", "pressgate", "where e-mailed reset links point: pressgate (/auth/password/reset) or wordpress (wp-login.php)"),
        ("login_link_lifetime", "604800", "seconds an auto-login link works (60 s-90 days)"),
        ("login_link_uses", "1", "how many times an auto-login link works (1-100)"),
        ("pages_dir", "(built-in look)", "folder with layout.html ({{title}}, {{style}}, {{content}}) and/or style.css that theme every page"),
    ]

    /// Applies `key = value` lines (`#` starts a comment). Unknown keys are errors: a typo must not
    /// silently leave a default in place.
    mutating func apply(file text: String, source: String) throws(ConfigurationError) {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingWhitespace() ?? ""
            guard !line.isEmpty else { continue }
            let parts = line.split(separator: "=", maxSplits: 1)
            let where_ = "\(source):\(number + 1)"
            guard parts.count == 2 else { throw .invalidSetting(key: line, source: where_, expected: "written as key = value") }
            try set(String(parts[0]).trimmingWhitespace(), to: String(parts[1]).trimmingWhitespace(), source: where_)
        }
    }

    /// Applies `PRESSGATE_<KEY>` variables for the documented keys.
    mutating func apply(environment: [String: String]) throws(ConfigurationError) {
        for (key, _, _) in Self.keys {
            let name = "PRESSGATE_" + key.uppercased()
            if let value = environment[name] { try set(key, to: value, source: name) }
        }
    }

    mutating func set(_ key: String, to value: String, source: String) throws(ConfigurationError) {
        func integer(_ range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
            guard let number = Int(value), range.contains(number) else {
                throw .invalidSetting(key: key, source: source, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return number
        }
        switch key {
        case "hash_format":
            guard PasswordHashTarget(name: value) != nil else { throw .invalidSetting(key: key, source: source, expected: "phpass or wp-bcrypt") }
            hashFormat = value
        case "bcrypt_cost": bcryptCost = try integer(PasswordHashTarget.bcryptCostRange)
        case "wordpress_version":
            guard WordPressVersion(versionString: value) != nil else {
                throw .invalidSetting(key: key, source: source, expected: "a WordPress version such as 6.7.2 or 6.8")
            }
            wordpressVersion = value
        case "default_role":
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                throw .invalidSetting(key: key, source: source, expected: "a role name such as subscriber")
            }
            defaultRole = value
        case "generated_password_length": generatedPasswordLength = try integer(12...128)
        case "db_socket":
            guard value.hasPrefix("/") else { throw .invalidSetting(key: key, source: source, expected: "an absolute path") }
            databaseSocket = value
        case "db_connect_timeout": databaseConnectTimeout = try integer(1...300)
        case "db_read_timeout": databaseReadTimeout = try integer(1...3600)
        case "db_write_timeout": databaseWriteTimeout = try integer(1...3600)
        case "listen":
            guard value.hasPrefix("unix:/") || value.contains(":") else {
                throw .invalidSetting(key: key, source: source, expected: "unix:/absolute/path or host:port")
            }
            listen = value
        case "threads": threads = try integer(1...256)
        case "gate_cache_seconds": gateCacheSeconds = try integer(0...60)
        case "route_prefix":
            guard value.hasPrefix("/"), !value.hasSuffix("/"), value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/-_".contains($0)) }) else {
                throw .invalidSetting(key: key, source: source, expected: "a path such as /auth (no trailing slash)")
            }
            routePrefix = value
        case "max_body_bytes": maximumBodyBytes = try integer(1024...(1 << 20))
        case "login_redirect":
            guard value.hasPrefix("/"), !value.hasPrefix("//") else { throw .invalidSetting(key: key, source: source, expected: "a path on this site") }
            loginRedirect = value
        case "log_level":
            guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(value) else {
                throw .invalidSetting(key: key, source: source, expected: "trace, debug, info, notice, warning, error or critical")
            }
            logLevel = value
        case "webhook_secrets": webhookSecrets = Self.list(value)
        case "stripe_webhook_secrets": stripeWebhookSecrets = Self.list(value)
        case "woocommerce_webhook_secrets": wooCommerceWebhookSecrets = Self.list(value)
        case "stripe_product_map": stripeProductMap = try Self.map(value, key: key, source: source)
        case "woocommerce_product_map": wooCommerceProductMap = try Self.map(value, key: key, source: source)
        case "woocommerce_purchase_statuses": wooCommercePurchaseStatuses = Self.list(value)
        case "welcome_key":
            guard let key32 = Base64.decode(value), key32.count == AESGCM.keySize else {
                throw .invalidSetting(key: key, source: source, expected: "base64 of exactly 32 bytes (openssl rand -base64 32)")
            }
            welcomeKey = key32
        case "claim_lifetime": claimLifetime = try integer(60...(7 * 86_400))
        case "smtp_url":
            guard value.hasPrefix("smtp://") || value.hasPrefix("smtps://") else {
                throw .invalidSetting(key: key, source: source, expected: "smtp://host:port or smtps://host:port")
            }
            smtpURL = value
        case "smtp_username": smtpUsername = value
        case "smtp_password": smtpPassword = value
        case "smtp_require_tls":
            guard ["true", "false"].contains(value) else { throw .invalidSetting(key: key, source: source, expected: "true or false") }
            smtpRequireTLS = value == "true"
        case "mail_from":
            guard WordPressText.isEmail(value) else { throw .invalidSetting(key: key, source: source, expected: "an e-mail address") }
            mailFrom = value
        case "crm_webhook_url":
            guard value.hasPrefix("http://") || value.hasPrefix("https://") else {
                throw .invalidSetting(key: key, source: source, expected: "an http(s) URL")
            }
            crmWebhookURL = value
        case "crm_webhook_secret": crmWebhookSecret = value
        case "welcome_email_includes_password", "crm_includes_password":
            guard ["true", "false"].contains(value) else { throw .invalidSetting(key: key, source: source, expected: "true or false") }
            if key == "crm_includes_password" { crmIncludesPassword = value == "true" } else { welcomeEmailIncludesPassword = value == "true" }
        case "mail_templates_dir":
            guard value.hasPrefix("/") else { throw .invalidSetting(key: key, source: source, expected: "an absolute path") }
            mailTemplatesDirectory = value
        case "password_min_length": passwordMinimumLength = try integer(8...64)
        case "login_link_lifetime": loginLinkLifetime = try integer(60...(90 * 86_400))
        case "login_link_uses": loginLinkUses = try integer(1...100)
        case "pages_dir":
            guard value.hasPrefix("/") else { throw .invalidSetting(key: key, source: source, expected: "an absolute path") }
            pagesDirectory = value
        case "reset_key_lifetime": resetKeyLifetime = try integer(600...(30 * 86_400))
        case "reset_link_style":
            guard ["pressgate", "wordpress"].contains(value) else { throw .invalidSetting(key: key, source: source, expected: "pressgate or wordpress") }
            resetLinkStyle = value
        case "sendmail_command":
            guard value.hasPrefix("/") else { throw .invalidSetting(key: key, source: source, expected: "an absolute path to the command") }
            sendmailCommand = value
        default: throw .unknownSetting(key: key, source: source)
        }
    }

    static func list(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    static func map(_ value: String, key: String, source: String) throws(ConfigurationError) -> [String: String] {
        var result: [String: String] = [:]
        for pair in list(value) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalidSetting(key: key, source: source, expected: "value=slug pairs separated by commas")
            }
            result[String(parts[0])] = String(parts[1])
        }
        return result
    }

    /// True when any purchase hook has a secret.
    public var hooksEnabled: Bool { !(webhookSecrets.isEmpty && stripeWebhookSecrets.isEmpty && wooCommerceWebhookSecrets.isEmpty) }

    /// The hash target these settings ask for.
    public var hashTarget: PasswordHashTarget {
        PasswordHashTarget(name: hashFormat, bcryptCost: bcryptCost) ?? .phpass
    }
}
