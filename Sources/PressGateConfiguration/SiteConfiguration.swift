import WordPressCompat

#if canImport(Glibc)
import Glibc
#endif

/// Everything PressGate knows about the site before it talks to the database: wp-config.php (DB
/// credentials, table prefix, salts, URL constants), the WordPress version, and PressGate's settings.
/// The rest (salts WordPress keeps in options, `siteurl`/`home`) is read from the database by the store.
public struct SiteConfiguration: Sendable {
    public let wpConfigPath: String
    /// wp-config.php's `DB_*` (the store's connection settings add the `db_*` timeouts).
    public let databaseAddress: DatabaseAddress
    /// `$table_prefix`, checked as WordPress checks it: `[A-Za-z0-9_]+`.
    public let tablePrefix: String
    /// The salt constants wp-config.php defines (of the ten `wp_salt()` reads).
    public let saltConstants: [String: String]
    /// `untrailingslashit(WP_SITEURL)` and `WP_HOME` when defined; else the options decide.
    public let siteURLConstant: String?
    public let homeURLConstant: String?
    /// `COOKIEHASH` when wp-config.php defines it.
    public let cookieHashConstant: String?
    /// The version string (`6.1.9`, `7.1`) and the rules it selects.
    public let wordpressVersionString: String
    public let wordpress: WordPressVersion
    public let settings: PressGateSettings

    /// Reads wp-config.php, `wp-includes/version.php` beside it, the optional PressGate settings
    /// file, and `PRESSGATE_*` environment overrides.
    public static func load(
        wpConfigPath: String, settingsPath: String?,
        environment: [String: String]
    ) throws(ConfigurationError) -> SiteConfiguration {
        var settings = PressGateSettings()
        if let settingsPath {
            try settings.apply(file: try readFile(settingsPath), source: settingsPath)
        }
        if let credentials = environment["CREDENTIALS_DIRECTORY"] {
            try settings.apply(credentialsDirectory: credentials)
        }
        try settings.apply(environment: environment)

        let scanner = PHPConfigScanner.scan(try readFile(wpConfigPath))
        let constants = scanner.constants
        func required(_ name: String) throws(ConfigurationError) -> String {
            let override = "PRESSGATE_\(name)"
            if let value = environment[override] { return value }
            guard let value = constants[name] else { throw .missingConstant(name: name, path: wpConfigPath) }
            guard let text = value.phpString else {
                throw .unreadableConstant(name: name, path: wpConfigPath, override: override)
            }
            return text
        }
        func optional(_ name: String) throws(ConfigurationError) -> String? {
            guard let value = constants[name] else { return nil }
            guard let text = value.phpString else {
                throw .unreadableConstant(name: name, path: wpConfigPath, override: nil)
            }
            return text
        }

        // Multisite keeps salts and users' capabilities elsewhere (wp_sitemeta, per-blog prefixes).
        if let multisite = constants["MULTISITE"],
            multisite == .bool(true) || multisite == .int(1) || multisite == .string("1")
        {
            throw .conflictingSettings(
                "\(wpConfigPath) defines MULTISITE: PressGate supports single-site WordPress only")
        }
        // Cookie settings PressGate does not apply yet: refusing to start beats sessions that
        // silently stop matching WordPress's.
        let unsupported = [
            "COOKIE_DOMAIN", "COOKIEPATH", "SITECOOKIEPATH", "ADMIN_COOKIE_PATH", "PLUGINS_COOKIE_PATH", "AUTH_COOKIE",
            "SECURE_AUTH_COOKIE", "LOGGED_IN_COOKIE", "WP_CONTENT_URL", "WP_PLUGIN_URL",
        ]
        .filter { name in constants[name].map { $0 != .bool(false) && $0 != .null && $0 != .string("") } ?? false }
        if !unsupported.isEmpty {
            throw .conflictingSettings(
                "\(wpConfigPath) defines \(unsupported.joined(separator: ", ")), which PressGate does not support yet")
        }
        guard let hostSpec = DatabaseHost(try required("DB_HOST")) else {
            throw .invalidDatabaseHost(path: wpConfigPath)
        }
        let address = DatabaseAddress(
            host: hostSpec.usesSocket ? nil : hostSpec.host, port: hostSpec.port,
            socket: hostSpec.usesSocket ? (hostSpec.socket ?? settings.database.socket) : hostSpec.socket,
            user: try required("DB_USER"), password: try required("DB_PASSWORD"), name: try required("DB_NAME"))

        let prefixValue =
            environment["PRESSGATE_TABLE_PREFIX"].map(PHPConfigValue.string)
            ?? scanner.tablePrefix ?? .string("wp_")
        guard let prefix = prefixValue.phpString else {
            throw .unreadableConstant(name: "$table_prefix", path: wpConfigPath, override: "PRESSGATE_TABLE_PREFIX")
        }
        guard isValidTablePrefix(prefix) else { throw .invalidTablePrefix(path: wpConfigPath) }

        let salts = try saltConstants(constants, path: wpConfigPath)

        let versionPath = versionFilePath(besides: wpConfigPath)
        let versionString: String
        if let override = settings.wordpressVersion {
            versionString = override
        } else {
            guard let text = try? readFile(versionPath), let found = wordPressVersion(in: text) else {
                throw .wordPressVersionUnknown(path: versionPath)
            }
            versionString = found
        }
        guard let wordpress = WordPressVersion(versionString: versionString) else {
            throw .wordPressVersionUnknown(path: versionPath)
        }
        let purchases = settings.purchases
        for secret in purchases.webhookSecrets {
            let key = Base64.decode(secret.hasPrefix("whsec_") ? String(secret.dropFirst(6)) : secret) ?? []
            guard key.count >= 24 else {
                throw .invalidSetting(
                    key: "webhook_secrets", source: "configuration",
                    expected: "whsec_ followed by base64 of at least 24 random bytes")
            }
        }
        let providerSecrets = [
            ("stripe_webhook_secrets", purchases.stripeWebhookSecrets),
            ("woocommerce_webhook_secrets", purchases.wooCommerceWebhookSecrets),
        ]
        for (name, secrets) in providerSecrets where secrets.contains(where: { $0.count < 16 }) {
            throw .invalidSetting(key: name, source: "configuration", expected: "secrets of at least 16 characters")
        }
        // Login links (and, opted in, passwords) go to the CRM: never in clear over a network.
        if let url = settings.crm.webhookURL, url.lowercased().hasPrefix("http://"), !Self.isLoopback(url: url) {
            throw .invalidSetting(
                key: "crm_webhook_url", source: "configuration",
                expected: "an https URL (plain http only to a loopback address: 127.0.0.1, ::1, localhost)")
        }
        if !settings.mail.smtpRequireTLS, let url = settings.mail.smtpURL, !Self.isLoopback(url: url) {
            throw .invalidSetting(
                key: "smtp_require_tls", source: "configuration",
                expected: "true unless smtp_url names a loopback address (127.0.0.1, ::1, localhost)")
        }
        if purchases.hooksEnabled && purchases.welcomeKey == nil {
            throw .conflictingSettings(
                "a purchase hook is enabled but welcome_key is not set "
                    + "(base64 of 32 random bytes: openssl rand -base64 32)")
        }
        if settings.passwords.hashFormat == .wordPressBcrypt, wordpress == .v6_1 {
            throw .conflictingSettings(
                "hash_format wp-bcrypt needs WordPress 6.8 or later; this site runs \(versionString)")
        }

        return SiteConfiguration(
            wpConfigPath: wpConfigPath, databaseAddress: address, tablePrefix: prefix, saltConstants: salts,
            siteURLConstant: try optional("WP_SITEURL").map(untrailingslashit),
            homeURLConstant: try optional("WP_HOME").map(untrailingslashit),
            cookieHashConstant: try optional("COOKIEHASH"),
            wordpressVersionString: versionString, wordpress: wordpress, settings: settings)
    }

    /// The salt constants wp-config.php defines now: WordPress's "log everyone out" is a change
    /// of them, and a running PressGate follows it (its site keys are read again every few seconds).
    public func currentSaltConstants() throws(ConfigurationError) -> [String: String] {
        try Self.currentSaltConstants(wpConfigPath: wpConfigPath)
    }

    public static func currentSaltConstants(wpConfigPath: String) throws(ConfigurationError) -> [String: String] {
        try saltConstants(PHPConfigScanner.scan(try readFile(wpConfigPath)).constants, path: wpConfigPath)
    }

    static func saltConstants(
        _ constants: [String: PHPConfigValue], path: String
    ) throws(ConfigurationError) -> [String: String] {
        var salts: [String: String] = [:]
        for name in WordPressSalts.constantNames {
            guard let value = constants[name] else { continue }
            guard let text = value.phpString else { throw .unreadableConstant(name: name, path: path, override: nil) }
            salts[name] = text
        }
        return salts
    }

    /// `[A-Za-z0-9_]+`, as WordPress requires ("Invalid table prefix") and the store's `TableNames` checks.
    static func isValidTablePrefix(_ prefix: String) -> Bool {
        !prefix.isEmpty
            && prefix.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x5F
            }
    }

    /// True for `smtp://127.0.0.1:…`, `smtp://[::1]:…`, `smtp://localhost:…`.
    static func isLoopback(url: String) -> Bool {
        let rest = url.drop { $0 != "/" }.dropFirst(2)
        let host =
            rest.hasPrefix("[")
            ? String(rest.dropFirst().prefix { $0 != "]" }) : String(rest.prefix { $0 != ":" && $0 != "/" })
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// `$wp_version = '6.1.9';` in `wp-includes/version.php`.
    static func wordPressVersion(in text: String) -> String? {
        for line in text.split(separator: "\n") where line.contains("$wp_version") {
            let quoted = line.split(separator: "'", omittingEmptySubsequences: false)
            if quoted.count >= 3 { return String(quoted[1]) }
        }
        return nil
    }

    static func versionFilePath(besides wpConfigPath: String) -> String {
        let directory = wpConfigPath.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(
            separator: "/")
        return (directory.isEmpty ? "." : directory) + "/wp-includes/version.php"
    }

    static func untrailingslashit(_ url: String) -> String {
        String(url.reversed().drop { $0 == "/" || $0 == "\\" }.reversed())
    }

    /// The whole file as text, or an error naming it.
    static func readFile(_ path: String) throws(ConfigurationError) -> String {
        guard let file = fopen(path, "rb") else {
            throw .fileUnreadable(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count > 0 { bytes += chunk[0..<count] }
            if count < chunk.count { break }
            guard bytes.count < 4 << 20 else { throw .fileUnreadable(path: path, reason: "larger than 4 MiB") }
        }
        // A lossy decoding would silently change a salt or password, and with it every cookie.
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .fileUnreadable(path: path, reason: "not valid UTF-8")
        }
        return text
    }
}

extension SiteConfiguration: CustomStringConvertible, CustomReflectable {
    /// Never prints the database password or a salt.
    public var description: String {
        "SiteConfiguration(\(wpConfigPath), \(databaseAddress), prefix \(tablePrefix), "
            + "WordPress \(wordpressVersionString))"
    }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}
