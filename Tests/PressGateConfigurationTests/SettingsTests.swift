import Foundation
import WordPressCompat
import XCTest

@testable import PressGateConfiguration

/// The settings table: every key parsed into its typed field, refusals that name the key, and the
/// documented defaults coming from the same declarations.
final class SettingsTests: XCTestCase {
    static let welcomeKey = Base64.standard([UInt8](repeating: 7, count: 32))

    func parsed(_ text: String) throws -> PressGateSettings {
        var settings = PressGateSettings()
        try settings.apply(file: text, source: "test.conf")
        return settings
    }

    func testEverySettingIsParsedIntoItsType() throws {
        let settings = try parsed(
            """
            hash_format = wp-bcrypt
            bcrypt_cost = 12
            wordpress_version = 6.8.1
            default_role = customer
            generated_password_length = 20
            db_socket = /run/mysqld/mysqld.sock
            db_connect_timeout = 4
            db_read_timeout = 11
            db_write_timeout = 12
            listen = 127.0.0.1:9000
            socket_mode = 0640
            socket_group = root
            threads = 3
            gate_cache_seconds = 0
            route_prefix = /members/auth
            trusted_proxies = 10.0.0.0/8, 2001:db8::/32 192.0.2.1
            max_body_bytes = 2048
            login_redirect = /members/
            log_level = debug
            webhook_secrets = whsec_a, whsec_b
            stripe_webhook_secrets = s1 s2
            woocommerce_webhook_secrets = w1
            stripe_product_map = gold=gold-plan,silver=silver-plan
            woocommerce_product_map = 42=course
            woocommerce_purchase_statuses = completed,processing
            welcome_key = \(Self.welcomeKey)
            claim_lifetime = 600
            smtp_url = smtps://mail.example.test:465
            smtp_username = mailer
            # a comment line
              # an indented one
            smtp_password = p = w#1 # all of it is the value
            smtp_require_tls = false
            mail_from = shop@example.test
            crm_webhook_url = https://crm.example.test/hook
            crm_webhook_secret = whsec_crm
            welcome_email_includes_password = true
            crm_includes_password = true
            allow_privileged_sessions = true
            mail_templates_dir = /etc/pressgate/mail
            sendmail_command = /usr/sbin/sendmail -t -i
            password_min_length = 10
            reset_key_lifetime = 3600
            reset_link_style = wordpress
            login_link_lifetime = 120
            login_link_uses = 3
            pages_dir = /etc/pressgate/pages
            """)
        XCTAssertEqual(settings.wordpressVersion, "6.8.1")
        XCTAssertEqual(settings.logLevel, .debug)

        var database = PressGateSettings.DatabaseOptions()
        (database.socket, database.connectTimeout, database.readTimeout, database.writeTimeout) = (
            "/run/mysqld/mysqld.sock", 4, 11, 12
        )
        XCTAssertEqual(settings.database, database)

        var server = PressGateSettings.ServerSettings()
        (server.listen, server.threads) = ("127.0.0.1:9000", 3)
        (server.socketMode, server.socketGroup) = (0o640, SocketGroup("root"))
        XCTAssertEqual(settings.server.socketGroup?.id, 0)
        XCTAssertEqual(settings.server, server)

        var http = PressGateSettings.HTTPSettings()
        (http.routePrefix, http.maximumBodyBytes, http.loginRedirect) = ("/members/auth", 2048, "/members/")
        (http.gateCacheSeconds, http.pagesDirectory) = (0, "/etc/pressgate/pages")
        http.trustedProxies = ["10.0.0.0/8", "2001:db8::/32", "192.0.2.1/32"].map { IPNetwork($0)! }
        XCTAssertEqual(settings.http, http)

        var passwords = PressGateSettings.PasswordSettings()
        (passwords.hashFormat, passwords.bcryptCost, passwords.generatedLength) = (.wordPressBcrypt, 12, 20)
        (passwords.minimumLength, passwords.resetKeyLifetime, passwords.resetLinkStyle) = (10, 3600, .wordpress)
        XCTAssertEqual(settings.passwords, passwords)
        XCTAssertEqual(settings.passwords.hashTarget, .wordPressBcrypt(cost: 12))

        var purchases = PressGateSettings.PurchaseSettings()
        purchases.defaultRole = "customer"
        (purchases.webhookSecrets, purchases.stripeWebhookSecrets) = (["whsec_a", "whsec_b"], ["s1", "s2"])
        purchases.wooCommerceWebhookSecrets = ["w1"]
        purchases.stripeProductMap = ["gold": "gold-plan", "silver": "silver-plan"]
        purchases.wooCommerceProductMap = ["42": "course"]
        purchases.wooCommercePurchaseStatuses = ["completed", "processing"]
        (purchases.welcomeKey, purchases.claimLifetime) = ([UInt8](repeating: 7, count: 32), 600)
        XCTAssertEqual(settings.purchases, purchases)
        XCTAssertTrue(settings.purchases.hooksEnabled)

        var links = PressGateSettings.LinkSettings()
        (links.lifetime, links.uses) = (120, 3)
        XCTAssertEqual(settings.links, links)

        var mail = PressGateSettings.MailSettings()
        (mail.smtpURL, mail.smtpUsername, mail.smtpPassword) = (
            "smtps://mail.example.test:465", "mailer", "p = w#1 # all of it is the value"
        )
        (mail.smtpRequireTLS, mail.from, mail.sendmailCommand) = (
            false, "shop@example.test", "/usr/sbin/sendmail -t -i"
        )
        (mail.templatesDirectory, mail.includesPassword) = ("/etc/pressgate/mail", true)
        XCTAssertEqual(settings.mail, mail)

        var crm = PressGateSettings.CRMSettings()
        (crm.webhookURL, crm.webhookSecret, crm.includesPassword) = ("https://crm.example.test/hook", "whsec_crm", true)
        XCTAssertEqual(settings.crm, crm)
        XCTAssertTrue(settings.guards.allowPrivilegedSessions)
        XCTAssertFalse(PressGateSettings().guards.allowPrivilegedSessions, "off unless the site opts in")
    }

    /// Issue 18 (in part): secrets from files — `<key>_file`, `PRESSGATE_<KEY>_FILE`, systemd's
    /// `$CREDENTIALS_DIRECTORY` — and a file every user may read is refused.
    func testSecretsComeFromFilesOtherUsersCannotRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-secrets-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func secret(_ name: String, _ content: String, mode: Int16 = 0o600) throws -> String {
            let path = folder + "/" + name
            try content.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
            return path
        }
        let password = try secret("smtp", "p = w#1\n")
        var settings = try parsed("smtp_password_file = \(password)")
        XCTAssertEqual(settings.mail.smtpPassword, "p = w#1", "one trailing newline removed")

        let key = try secret("key", Self.welcomeKey + "\n", mode: 0o640)
        try settings.apply(environment: ["PRESSGATE_WELCOME_KEY_FILE": key])
        XCTAssertEqual(settings.purchases.welcomeKey, [UInt8](repeating: 7, count: 32))

        let credentials = folder + "/credentials"
        try FileManager.default.createDirectory(atPath: credentials, withIntermediateDirectories: true)
        _ = try secret("credentials/crm_webhook_secret", "whsec_from_systemd")
        try settings.apply(credentialsDirectory: credentials)
        XCTAssertEqual(settings.crm.webhookSecret, "whsec_from_systemd")

        let open = try secret("open", "visible", mode: 0o644)
        XCTAssertThrowsError(try parsed("smtp_password_file = \(open)")) {
            XCTAssertTrue("\($0)".contains("smtp_password_file"), "\($0)")
            XCTAssertFalse("\($0)".contains("visible"), "never the value")
        }
        XCTAssertThrowsError(try parsed("smtp_password_file = \(folder)/missing"))
        XCTAssertThrowsError(try parsed("listen_file = \(password)"), "only secrets come from files")
    }

    func testEveryDeclaredKeyIsCoveredAboveAndUnique() {
        XCTAssertEqual(PressGateSettings.keys.count, 52)
        XCTAssertEqual(Set(PressGateSettings.keys.map(\.key)).count, PressGateSettings.keys.count)
    }

    func testUnknownKeysAndBadLinesAreRefusedWithTheirPlace() {
        XCTAssertThrowsError(try parsed("threads = 4\nhash_fromat = phpass\n")) { error in
            XCTAssertEqual(error as? ConfigurationError, .unknownSetting(key: "hash_fromat", source: "test.conf:2"))
        }
        XCTAssertThrowsError(try parsed("just words")) { error in
            XCTAssertEqual("\(error)", "test.conf:1: just words must be written as key = value")
        }
        var settings = PressGateSettings()
        XCTAssertThrowsError(try settings.apply(environment: ["PRESSGATE_THREADS": "0"])) { error in
            XCTAssertEqual("\(error)", "PRESSGATE_THREADS: threads must be a whole number from 1 to 256")
        }
    }

    /// The error texts are documented behaviour (the README and operators rely on them).
    func testRefusalsNameTheKeyAndWhatItMustBe() {
        let refusals: [(String, String)] = [
            ("hash_format = md5", "hash_format must be phpass or wp-bcrypt"),
            ("bcrypt_cost = 32", "bcrypt_cost must be a whole number from 4 to 31"),
            ("wordpress_version = latest", "wordpress_version must be a WordPress version such as 6.7.2 or 6.8"),
            ("default_role = a b", "default_role must be a role name such as subscriber"),
            ("db_socket = mysqld.sock", "db_socket must be an absolute path"),
            ("listen = 9000", "listen must be unix:/absolute/path or host:port"),
            ("socket_mode = 0666x", "socket_mode must be octal permission bits such as 0660"),
            ("socket_mode = 4770", "socket_mode must be octal permission bits such as 0660"),
            ("socket_mode = 0880", "socket_mode must be octal permission bits such as 0660"),
            ("socket_group = no-such-group-pg", "socket_group must be the name or id of an existing group"),
            ("socket_group = -1", "socket_group must be the name or id of an existing group"),
            (
                "trusted_proxies = 10.0.0.0/8, 10.0.0.1/8",
                "trusted_proxies must be CIDRs such as 10.0.0.0/8 or 2001:db8::/32 (no host bits, no /0), "
                    + "separated by commas"
            ),
            ("route_prefix = /auth/", "route_prefix must be a path such as /auth (no trailing slash)"),
            ("max_body_bytes = 1023", "max_body_bytes must be a whole number from 1024 to 1048576"),
            ("login_redirect = //evil.test", "login_redirect must be a path on this site"),
            ("log_level = verbose", "log_level must be trace, debug, info, notice, warning, error or critical"),
            ("stripe_product_map = gold", "stripe_product_map must be value=slug pairs separated by commas"),
            ("welcome_key = c2hvcnQ=", "welcome_key must be base64 of exactly 32 bytes (openssl rand -base64 32)"),
            ("smtp_url = mail.test:25", "smtp_url must be smtp://host:port or smtps://host:port"),
            ("smtp_require_tls = yes", "smtp_require_tls must be true or false"),
            ("mail_from = nobody", "mail_from must be an e-mail address"),
            ("crm_webhook_url = ftp://crm.test", "crm_webhook_url must be an http(s) URL"),
            ("reset_link_style = wp", "reset_link_style must be pressgate or wordpress"),
            ("sendmail_command = sendmail -t", "sendmail_command must be an absolute path to the command"),
            ("login_link_uses = 101", "login_link_uses must be a whole number from 1 to 100"),
        ]
        for (line, expected) in refusals {
            XCTAssertThrowsError(try parsed(line), line) { error in
                XCTAssertEqual("\(error)", "test.conf:1: " + expected)
            }
        }
        // A refused secret is never repeated in the message.
        XCTAssertThrowsError(try parsed("welcome_key = not-my-secret-key")) { error in
            XCTAssertFalse("\(error)".contains("not-my-secret-key"))
        }
    }

    /// The table's defaults are the fields' defaults: each shown value parses back to the default.
    func testTheKeyTableShowsTheDefaults() throws {
        let documented = Dictionary(uniqueKeysWithValues: PressGateSettings.keys.map { ($0.key, $0.defaultValue) })
        XCTAssertEqual(documented["hash_format"], "phpass")
        XCTAssertEqual(documented["bcrypt_cost"], "10")
        XCTAssertEqual(documented["generated_password_length"], "16")
        XCTAssertEqual(documented["db_socket"], "/var/run/mysqld/mysqld.sock")
        XCTAssertEqual(documented["listen"], "unix:/run/pressgate/pressgate.sock")
        XCTAssertEqual(documented["threads"], "8")
        XCTAssertEqual(documented["socket_mode"], "0660", "owner and group, never every local user")
        XCTAssertEqual(documented["max_body_bytes"], "65536")
        XCTAssertEqual(documented["log_level"], "info")
        XCTAssertEqual(documented["woocommerce_purchase_statuses"], "completed")
        XCTAssertEqual(documented["smtp_require_tls"], "true")
        XCTAssertEqual(documented["reset_link_style"], "pressgate")
        XCTAssertEqual(documented["login_link_lifetime"], "604800")
        XCTAssertEqual(documented["welcome_key"], "(none: required when a hook is enabled)")
        for setting in PressGateSettings.keys where !setting.defaultValue.hasPrefix("(") {
            guard let value = try? parsed("\(setting.key) = \(setting.defaultValue)") else { continue }  // notes
            XCTAssertEqual(value, PressGateSettings(), "\(setting.key) = \(setting.defaultValue) is the default")
        }
        let table = PressGateSettings.markdownTable
        XCTAssertTrue(table.hasPrefix("| key | default | meaning |\n|---|---|---|\n"))
        XCTAssertTrue(table.contains("| `gate_cache_seconds` | 2 | seconds the gate reuses"))
    }

    func testTheREADMEDocumentsEveryKey() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        for setting in PressGateSettings.keys {
            XCTAssertTrue(text.contains("`\(setting.key)`"), "README lacks \(setting.key)")
        }
    }

    func testEnvironmentOverridesEveryKeyByName() throws {
        var settings = PressGateSettings()
        try settings.apply(environment: [
            "PRESSGATE_LOG_LEVEL": "error", "PRESSGATE_RESET_LINK_STYLE": "wordpress",
            "PRESSGATE_SMTP_PASSWORD": "from-env", "PRESSGATE_UNRELATED": "x",
        ])
        XCTAssertEqual(settings.logLevel, .error)
        XCTAssertEqual(settings.passwords.resetLinkStyle, .wordpress)
        XCTAssertEqual(settings.mail.smtpPassword, "from-env")
    }

    func testDescriptionsNeverShowSecrets() throws {
        let settings = try parsed(
            "smtp_password = hunter2\ncrm_webhook_secret = whsec_crm-secret\nwebhook_secrets = whsec_hook\n"
                + "welcome_key = \(Self.welcomeKey)")
        for text in [
            "\(settings)", "\(settings.mail)", "\(settings.crm)", "\(settings.purchases)", String(reflecting: settings),
        ] {
            for secret in ["hunter2", "crm-secret", "whsec_hook", Self.welcomeKey] {
                XCTAssertFalse(text.contains(secret), text)
            }
        }
        let address = DatabaseAddress(host: "db", user: "u", password: "db-secret", name: "wp")
        XCTAssertFalse("\(address)".contains("db-secret"))
        XCTAssertEqual("\(address)", "DatabaseAddress(u@db:3306/wp, password redacted)")
    }
}
