import WordPressCompat

extension PressGateSettings {
    /// Every setting, declared once: key, field, parser (the type and range a value must have), and
    /// meaning. The defaults are the fields' initial values. Loading, `PRESSGATE_<KEY>` overrides and
    /// the README's table (``markdownTable``) are all read from here.
    public static let keys: [Setting] = [
        Setting(
            "hash_format", \.passwords.hashFormat, .choice,
            "hash format PressGate writes: phpass or wp-bcrypt (6.8+ sites only)"),
        Setting(
            "bcrypt_cost", \.passwords.bcryptCost, .integer(PasswordHashTarget.bcryptCostRange),
            "bcrypt cost for wp-bcrypt (4-31)"),
        Setting(
            "wordpress_version", \.wordpressVersion, .wordpressVersion, none: "from wp-includes/version.php",
            "WordPress version rules to follow, e.g. 6.7.2 or 6.8"),
        Setting(
            "default_role", \.purchases.defaultRole, .roleName, none: "the site's default_role option",
            "role given to members PressGate creates"),
        Setting(
            "generated_password_length", \.passwords.generatedLength, .integer(12...128),
            "length of generated member passwords (12-128)"),
        Setting(
            "db_socket", \.database.socket, .absolutePath,
            "socket used when DB_HOST is localhost without one"),
        Setting(
            "db_connect_timeout", \.database.connectTimeout, .integer(1...300),
            "seconds to wait for MariaDB to accept a connection"),
        Setting("db_read_timeout", \.database.readTimeout, .integer(1...3600), "seconds to wait for a query's answer"),
        Setting(
            "db_write_timeout", \.database.writeTimeout, .integer(1...3600), "seconds to wait while sending a query"),
        Setting(
            "listen", \.server.listen, .listenAddress,
            "pressgate serve: unix:PATH or HOST:PORT (fd 0 when started by spawn-fcgi)"),
        Setting(
            "socket_mode", \.server.socketMode, .fileMode,
            "pressgate serve: permissions of its unix socket (octal); whoever can connect can forge the client "
                + "address and HTTPS, so never world-writable unless the folder keeps others out"),
        Setting(
            "socket_group", \.server.socketGroup, .socketGroup, none: "(the group of the user running pressgate)",
            "pressgate serve: group of its unix socket (name or id), e.g. www-data for nginx's workers"),
        Setting(
            "threads", \.server.threads, .integer(1...256),
            "pressgate serve: worker threads, each with its own database connection (1-256)"),
        Setting(
            "reserved_threads", \.server.reservedThreads, .integer(0...255),
            "worker threads password hashing (login, reset, password change) may never take, kept for the gate"),
        Setting(
            "gate_cache_seconds", \.http.gateCacheSeconds, .integer(0...60),
            "seconds the gate reuses a yes for one cookie and product: a session ended or product revoked "
                + "outside this process reaches the gate that much later (0-60; 0 = off)"),
        Setting(
            "metrics_allow", \.http.metricsAllow, .networks,
            "CIDRs of the clients (as PressGate decides the address) that may read GET <route_prefix>/metrics"),
        Setting(
            "trusted_proxies", \.http.trustedProxies, .networks,
            shownDefault: "(none: REMOTE_ADDR is the client; X-Forwarded-* ignored)",
            "CIDRs (IPv4 or IPv6) of the proxies in front of nginx (CDN, load balancer, TLS terminator): from them "
                + "the client address comes from X-Forwarded-For and the scheme from X-Forwarded-Proto"),
        Setting("route_prefix", \.http.routePrefix, .routePrefix, "path prefix of PressGate's routes"),
        Setting(
            "max_body_bytes", \.http.maximumBodyBytes, .integer(1024...(1 << 20)),
            "larger request bodies are answered 413 (1 KiB-1 MiB)"),
        Setting(
            "login_redirect", \.http.loginRedirect, .sitePath,
            "where a login goes when redirect_to is missing or not on this site"),
        Setting("log_level", \.logLevel, .choice, "trace, debug, info, notice, warning, error or critical"),
        Setting(
            "log_format", \.logFormat, .choice,
            "text, json (one object per line) or journald (priority prefixes), on standard error"),
        Setting(
            "webhook_secrets", \.purchases.webhookSecrets, .list, shownDefault: "(none: hook disabled)",
            "secrets of POST /auth/hooks/purchase (whsec_…), separated by spaces or commas"),
        Setting(
            "stripe_webhook_secrets", \.purchases.stripeWebhookSecrets, .list, shownDefault: "(none: hook disabled)",
            "Stripe endpoint secrets (whsec_…) of POST /auth/hooks/stripe"),
        Setting(
            "woocommerce_webhook_secrets", \.purchases.wooCommerceWebhookSecrets, .list,
            shownDefault: "(none: hook disabled)", "WooCommerce webhook secrets of POST /auth/hooks/woocommerce"),
        Setting(
            "stripe_product_map", \.purchases.stripeProductMap, .productMap, shownDefault: "(values used as they are)",
            "metadata.product or client_reference_id value=product slug, comma separated"),
        Setting(
            "outbox_retry_hours", \.purchases.outboxRetryHours, .integer(1...720),
            "hours an e-mail or CRM notification is retried (with backoff up to an hour) before it is marked failed; "
                + "pressgate outbox retry queues failed ones again (1-720)"),
        Setting(
            "subscription_grace_hours", \.purchases.subscriptionGraceHours, .integer(0...2160),
            "hours a Stripe subscription's access outlasts its paid period and a failed payment (0-2160)"),
        Setting(
            "product_terms", \.purchases.productTerms, .productTerms, shownDefault: "(no end)",
            "product=term pairs (365d, 12h, 30m), comma separated: how long a purchase grants the product"),
        Setting(
            "woocommerce_product_map", \.purchases.wooCommerceProductMap, .productMap,
            shownDefault: "(product ids used as they are)",
            "WooCommerce product id or SKU=product slug, comma separated"),
        Setting(
            "woocommerce_purchase_statuses", \.purchases.wooCommercePurchaseStatuses, .list,
            "order statuses that grant the products (e.g. completed,processing)"),
        Setting(
            "welcome_key", \.purchases.welcomeKey, .aesKey, none: "(none: required when a hook is enabled)",
            "base64 of 32 random bytes: AES-256-GCM key for the thank-you password"),
        Setting(
            "claim_lifetime", \.purchases.claimLifetime, .integer(60...(7 * 86_400)),
            "seconds a thank-you page (claim link) stays valid"),
        Setting(
            "smtp_url", \.mail.smtpURL, .smtpURL, none: "(none: e-mails wait in the outbox)",
            "smtp://host:port or smtps://host:port of the mail server"),
        Setting("smtp_username", \.mail.smtpUsername, .anything, none: "(none)", "SMTP AUTH user"),
        Setting(
            "smtp_password", \.mail.smtpPassword, .anything, none: "(none)",
            "SMTP AUTH password (file or PRESSGATE_SMTP_PASSWORD, never a flag)"),
        Setting(
            "smtp_require_tls", \.mail.smtpRequireTLS, .boolean,
            "refuse to send without TLS (STARTTLS on smtp://); false only for a loopback sink"),
        Setting(
            "mail_from", \.mail.from, .emailAddress, none: "wordpress@<site host>",
            "sender address of PressGate's e-mails"),
        Setting(
            "crm_webhook_url", \.crm.webhookURL, .httpURL, none: "(none: CRM rows wait in the outbox)",
            "URL that receives signed member events (https; plain http only to a loopback address)"),
        Setting(
            "crm_webhook_secret", \.crm.webhookSecret, .anything, none: "(none)",
            "Standard Webhooks secret (whsec_…) used to sign CRM notifications"),
        Setting(
            "allow_privileged_sessions", \.guards.allowPrivilegedSessions, .boolean,
            "let accounts that can do more than a member (any capability beyond read) log in through PressGate "
                + "and get login links; off: wp-login.php stays their only door"),
        Setting(
            "welcome_email_includes_password", \.mail.includesPassword, .boolean,
            "put the generated password into the welcome e-mail (warned about at every start)"),
        Setting(
            "crm_includes_password", \.crm.includesPassword, .boolean,
            "put the generated password into the CRM notification (warned about: the CRM field is not encrypted)"),
        Setting(
            "mail_templates_dir", \.mail.templatesDirectory, .absolutePath, none: "(built-in texts)",
            "folder with welcome.txt / .html and welcome-existing.txt / .html to use instead"),
        Setting(
            "sendmail_command", \.mail.sendmailCommand, .command, none: "(none: SMTP)",
            "a sendmail-compatible command reading the message on stdin, e.g. /usr/sbin/sendmail -t -i"),
        Setting(
            "password_min_length", \.passwords.minimumLength, .integer(8...64),
            "shortest password a member may choose (8-64)"),
        Setting(
            "password_max_bytes", \.passwords.maximumBytes, .integer(64...4096),
            "longest password PressGate hashes or checks, in bytes (64-4096; longer ones fail unhashed)"),
        Setting(
            "reset_key_lifetime", \.passwords.resetKeyLifetime, .integer(600...(30 * 86_400)),
            "seconds a reset or set-password link works on PressGate's page (WordPress's own page: 1 day)"),
        Setting(
            "reset_link_style", \.passwords.resetLinkStyle, .choice,
            "where e-mailed reset links point: pressgate (/auth/password/reset) or wordpress (wp-login.php)"),
        Setting(
            "login_link_lifetime", \.links.lifetime, .integer(60...(90 * 86_400)),
            "seconds an auto-login link works (60 s-90 days)"),
        Setting("login_link_uses", \.links.uses, .integer(1...100), "how many times an auto-login link works (1-100)"),
        Setting(
            "pages_dir", \.http.pagesDirectory, .absolutePath, none: "(built-in look)",
            "folder with layout.html ({{title}}, {{style}}, {{content}}) and/or style.css that theme every page"),
    ]

    /// The declarations by key.
    static let keysByName: [String: Setting] = Dictionary(uniqueKeysWithValues: keys.map { ($0.key, $0) })

    /// The README's configuration table, from ``keys``.
    public static var markdownTable: String {
        (["| key | default | meaning |", "|---|---|---|"]
            + keys.map { "| `\($0.key)` | \($0.defaultValue) | \($0.meaning) |" })
            .joined(separator: "\n") + "\n"
    }
}

// The parsers particular to one or two settings (their messages are part of the documented behaviour).
extension SettingParser where Value == String {
    static var wordpressVersion: Self {
        text("a WordPress version such as 6.7.2 or 6.8") { WordPressVersion(versionString: $0) != nil }
    }
    static var roleName: Self {
        text("a role name such as subscriber") { value in
            !value.isEmpty && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }
    static var listenAddress: Self {
        text("unix:/absolute/path or host:port") { $0.hasPrefix("unix:/") || $0.contains(":") }
    }
    static var routePrefix: Self {
        text("a path such as /auth (no trailing slash)") { value in
            value.hasPrefix("/") && !value.hasSuffix("/")
                && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/-_".contains($0)) }
        }
    }
    static var sitePath: Self { text("a path on this site") { $0.hasPrefix("/") && !$0.hasPrefix("//") } }
    static var smtpURL: Self {
        text("smtp://host:port or smtps://host:port") { $0.hasPrefix("smtp://") || $0.hasPrefix("smtps://") }
    }
    static var emailAddress: Self { text("an e-mail address") { WordPressText.isEmail($0) } }
    static var httpURL: Self { text("an http(s) URL") { $0.hasPrefix("http://") || $0.hasPrefix("https://") } }
    static var command: Self { text("an absolute path to the command") { $0.hasPrefix("/") } }
}

extension SettingParser where Value == UInt32 {
    /// Octal permission bits, `0660` or `660` (no setuid, setgid or sticky bits).
    static var fileMode: Self {
        Self(
            expected: "octal permission bits such as 0660",
            parse: { text in
                let digits = text.hasPrefix("0") && text.count == 4 ? String(text.dropFirst()) : text
                guard digits.count == 3, digits.allSatisfy({ ("0"..."7").contains($0) }) else { return nil }
                return UInt32(digits, radix: 8)
            },
            format: { mode in
                let digits = String(mode, radix: 8)
                return String(repeating: "0", count: max(1, 4 - digits.count)) + digits
            })
    }
}

extension SettingParser where Value == [IPNetwork] {
    /// CIDRs separated by commas or spaces; one bad entry refuses the whole setting.
    static var networks: Self {
        Self(
            expected: "CIDRs such as 10.0.0.0/8 or 2001:db8::/32 (no host bits, no /0), separated by commas",
            parse: { text in
                let networks = SettingParsers.words(text).map { IPNetwork($0) }
                return networks.contains(nil) ? nil : networks.compactMap { $0 }
            },
            format: { $0.map(\.description).joined(separator: ",") })
    }
}

extension SettingParser where Value == SocketGroup {
    /// A group that exists on this machine, by name or id.
    static var socketGroup: Self {
        Self(expected: "the name or id of an existing group", parse: { SocketGroup($0) }, format: { $0.name })
    }
}

extension SettingParser where Value == [UInt8] {
    /// An AES-256 key as base64; shown as base64 (never logged: only its presence is).
    static var aesKey: Self {
        Self(
            expected: "base64 of exactly 32 bytes (openssl rand -base64 32)",
            parse: { Base64.decode($0).flatMap { $0.count == AESGCM.keySize ? $0 : nil } },
            format: { Base64.standard($0) })
    }
}
