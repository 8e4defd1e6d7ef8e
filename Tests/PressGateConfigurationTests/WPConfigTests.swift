import Foundation
import XCTest

@testable import PressGateConfiguration

final class WPConfigTests: XCTestCase {
    /// Writes `wp-config.php` (and `wp-includes/version.php`) into a fresh folder.
    func site(_ config: String, version: String? = "6.1.9") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pg-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("wp-includes"), withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        if let version {
            try "<?php\n/** The WordPress version string. */\n$wp_version = '\(version)';\n$wp_db_version = 53496;\n"
                .write(to: folder.appendingPathComponent("wp-includes/version.php"), atomically: true, encoding: .utf8)
        }
        let path = folder.appendingPathComponent("wp-config.php").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let typical = """
        <?php
        // ** Database settings ** //
        define( 'DB_NAME', 'wordpress' );
        define('DB_USER', "wp_user");
        /* the password has quotes */
        define( 'DB_PASSWORD', 'it\\'s "secret" \\\\ ok' );
        define( 'DB_HOST', 'localhost:/run/mysqld/mysqld.sock' );
        define( 'DB_CHARSET', 'utf8mb4' );
        # a hash comment
        define( 'AUTH_KEY',         'k1' );
        define( 'SECURE_AUTH_KEY',  'k2' );
        define( 'LOGGED_IN_KEY',    'k3' . 'x' );
        define( 'NONCE_KEY',        "k4\\$" );
        define( 'AUTH_SALT',        's1' );
        define( 'SECURE_AUTH_SALT', 's2' );
        define( 'LOGGED_IN_SALT',   's3' );
        define( 'NONCE_SALT',       's4' );
        define( 'DB_NAME', 'ignored: the first define wins' );
        $table_prefix = 'site_';
        if ( ! defined( 'ABSPATH' ) ) {
            define( 'ABSPATH', __DIR__ . '/' );
        }
        define( 'WP_SITEURL', 'https://example.test/blog/' );
        require_once ABSPATH . 'wp-settings.php';
        """

    func testTypicalFile() throws {
        let configuration = try SiteConfiguration.load(
            wpConfigPath: try site(Self.typical), settingsPath: nil, environment: [:])
        XCTAssertEqual(configuration.databaseAddress.name, "wordpress")
        XCTAssertEqual(configuration.databaseAddress.user, "wp_user")
        XCTAssertEqual(configuration.databaseAddress.password, "it's \"secret\" \\ ok")
        XCTAssertTrue(configuration.databaseAddress.usesSocket)
        XCTAssertEqual(configuration.databaseAddress.socket, "/run/mysqld/mysqld.sock")
        XCTAssertEqual(configuration.tablePrefix, "site_")
        XCTAssertEqual(configuration.saltConstants["LOGGED_IN_KEY"], "k3x")
        XCTAssertEqual(configuration.saltConstants["NONCE_KEY"], "k4$")
        XCTAssertEqual(configuration.saltConstants.count, 8)
        XCTAssertEqual(configuration.siteURLConstant, "https://example.test/blog")
        XCTAssertEqual(configuration.wordpressVersionString, "6.1.9")
        XCTAssertEqual(configuration.wordpress, .v6_1)
    }

    func testGetenvValuesNameTheConstant() throws {
        let path = try site(
            "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD', getenv('WP_DB_PASSWORD'));"
                + " define('DB_HOST','localhost');")
        XCTAssertThrowsError(try SiteConfiguration.load(wpConfigPath: path, settingsPath: nil, environment: [:])) {
            error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("DB_PASSWORD") && message.contains("PRESSGATE_DB_PASSWORD"), message)
        }
        // The environment override makes such a site usable.
        let configuration = try SiteConfiguration.load(
            wpConfigPath: path, settingsPath: nil, environment: ["PRESSGATE_DB_PASSWORD": "p"])
        XCTAssertEqual(configuration.databaseAddress.password, "p")
        XCTAssertEqual(
            configuration.databaseAddress.socket, "/var/run/mysqld/mysqld.sock",
            "localhost without a socket uses the default")
    }

    func testHostileFiles() throws {
        let cases: [(String, String)] = [
            ("<?php define('DB_USER','u'); define('DB_PASSWORD','p'); define('DB_HOST','localhost');", "DB_NAME"),
            (
                "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD','p'); define('DB_HOST','localhost'); $table_prefix = 'wp-';",
                "table_prefix"
            ),
            (
                "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD',\"$pw\"); define('DB_HOST','localhost');",
                "DB_PASSWORD"
            ),
            ("<?php define('DB_NAME', 'unterminated", "DB_"),
            ("", "does not define"),
            ("<?php /* define('DB_NAME','commented'); */ // define('DB_USER','x');", "does not define"),
        ]
        for (text, expected) in cases {
            XCTAssertThrowsError(
                try SiteConfiguration.load(wpConfigPath: try site(text), settingsPath: nil, environment: [:]), text
            ) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(error)")
            }
        }
        XCTAssertThrowsError(
            try SiteConfiguration.load(wpConfigPath: "/nonexistent/wp-config.php", settingsPath: nil, environment: [:])
        ) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/wp-config.php"))
        }
    }

    /// Every truncation of a real file, and bytes that are not PHP at all, give a value or an
    /// error — never a crash.
    func testTruncatedAndGarbageFilesNeverCrash() throws {
        let text = Self.typical
        var index = text.startIndex
        while index < text.endIndex {
            _ = try? SiteConfiguration.load(
                wpConfigPath: try site(String(text[..<index])), settingsPath: nil, environment: [:])
            index = text.index(index, offsetBy: 7, limitedBy: text.endIndex) ?? text.endIndex
        }
        for garbage in [
            "define(", "define('", "define('X',", "$table_prefix", "$table_prefix =", "'\\", "\"\\", "/*",
            "<?php define(((((", "define('A', (1 . 2",
        ] {
            _ = try? SiteConfiguration.load(wpConfigPath: try site(garbage), settingsPath: nil, environment: [:])
        }
    }

    func testNumericEscapesMultisiteEncodingAndPorts() throws {
        let escaped = try SiteConfiguration.load(
            wpConfigPath: try site(
                "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD',\"\\x41\\101\\0zsecret-pw\"); define('DB_HOST','localhost');"
            ),
            settingsPath: nil, environment: [:])
        XCTAssertEqual(escaped.databaseAddress.password, "AA\u{0}zsecret-pw")
        let base = "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD','p'); "
        XCTAssertThrowsError(
            try SiteConfiguration.load(
                wpConfigPath: try site(base + "define('DB_HOST','localhost'); define('MULTISITE', true);"),
                settingsPath: nil, environment: [:])
        ) { XCTAssertTrue("\($0)".contains("MULTISITE")) }
        XCTAssertThrowsError(
            try SiteConfiguration.load(
                wpConfigPath: try site(base + "define('DB_HOST','db:99999999999');"),
                settingsPath: nil, environment: [:])
        ) { XCTAssertTrue("\($0)".contains("DB_HOST")) }
        let latin1 = try site("")
        try Data(
            Array((base + "define('DB_HOST','localhost'); define('AUTH_KEY','\u{e9}');").utf8).map {
                $0 == 0xC3 ? 0xE9 : $0
            }.filter { $0 != 0xA9 }
        )
        .write(to: URL(fileURLWithPath: latin1))
        XCTAssertThrowsError(try SiteConfiguration.load(wpConfigPath: latin1, settingsPath: nil, environment: [:])) {
            XCTAssertTrue("\($0)".contains("UTF-8"), "\($0)")
        }
        // The needle is the distinctive part of the password: the temporary path holds a UUID, which may contain "AA".
        XCTAssertFalse("\(escaped)".contains("secret-pw"), "descriptions never print the password")
    }

    func testWeakSecretsUnsupportedCookieConstantsAndPlainSMTPAreRefused() throws {
        let base =
            "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD','p'); define('DB_HOST','localhost');"
        let path = try site(base)
        let key = ["PRESSGATE_WELCOME_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="]
        XCTAssertThrowsError(
            try SiteConfiguration.load(
                wpConfigPath: path, settingsPath: nil,
                environment: key.merging(["PRESSGATE_WEBHOOK_SECRETS": "whsec_"]) { a, _ in a }))
        XCTAssertThrowsError(
            try SiteConfiguration.load(
                wpConfigPath: path, settingsPath: nil,
                environment: key.merging(["PRESSGATE_STRIPE_WEBHOOK_SECRETS": "short"]) { a, _ in a }))
        XCTAssertNoThrow(
            try SiteConfiguration.load(
                wpConfigPath: path, settingsPath: nil,
                environment: key.merging(["PRESSGATE_WEBHOOK_SECRETS": "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX"]) {
                    a, _ in a
                }))
        XCTAssertThrowsError(
            try SiteConfiguration.load(
                wpConfigPath: path, settingsPath: nil,
                environment: [
                    "PRESSGATE_SMTP_URL": "smtp://mail.example.test:25", "PRESSGATE_SMTP_REQUIRE_TLS": "false",
                ]))
        XCTAssertNoThrow(
            try SiteConfiguration.load(
                wpConfigPath: path, settingsPath: nil,
                environment: ["PRESSGATE_SMTP_URL": "smtp://127.0.0.1:2525", "PRESSGATE_SMTP_REQUIRE_TLS": "false"]))
        // Login links go to the CRM: plain http only to a loopback address.
        XCTAssertThrowsError(
            try SiteConfiguration.load(
                wpConfigPath: path, settingsPath: nil,
                environment: ["PRESSGATE_CRM_WEBHOOK_URL": "http://crm.example.test/hook"])
        ) { XCTAssertTrue("\($0)".contains("crm_webhook_url"), "\($0)") }
        for allowed in ["https://crm.example.test/hook", "http://127.0.0.1:9999/crm", "http://[::1]:9999/crm"] {
            XCTAssertNoThrow(
                try SiteConfiguration.load(
                    wpConfigPath: path, settingsPath: nil, environment: ["PRESSGATE_CRM_WEBHOOK_URL": allowed]), allowed
            )
        }
        XCTAssertThrowsError(
            try SiteConfiguration.load(
                wpConfigPath: try site(base + " define('COOKIE_DOMAIN', '.example.test');"),
                settingsPath: nil, environment: [:])
        ) { XCTAssertTrue("\($0)".contains("COOKIE_DOMAIN")) }
        XCTAssertNoThrow(
            try SiteConfiguration.load(
                wpConfigPath: try site(base + " define('COOKIE_DOMAIN', false);"), settingsPath: nil, environment: [:]))
    }

    func testSecretsNeverAppearInErrors() throws {
        let path = try site(
            "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD', 'hunter2' . $x); define('DB_HOST','localhost');"
        )
        XCTAssertThrowsError(try SiteConfiguration.load(wpConfigPath: path, settingsPath: nil, environment: [:])) {
            error in
            XCTAssertFalse("\(error)".contains("hunter2"))
        }
    }

    func testMissingVersionFileNeedsTheSetting() throws {
        let path = try site(
            "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD','p'); define('DB_HOST','localhost');",
            version: nil)
        XCTAssertThrowsError(try SiteConfiguration.load(wpConfigPath: path, settingsPath: nil, environment: [:]))
        let configuration = try SiteConfiguration.load(
            wpConfigPath: path, settingsPath: nil, environment: ["PRESSGATE_WORDPRESS_VERSION": "6.8.1"])
        XCTAssertEqual(configuration.wordpress, .v6_8)
    }

    func testSettingsFileAndEnvironment() throws {
        let path = try site(
            "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD','p'); define('DB_HOST','127.0.0.1:3307');",
            version: "6.8.1")
        let settingsPath = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(
            "pressgate.conf"
        ).path
        try "# PressGate\nhash_format = wp-bcrypt\nbcrypt_cost = 11\n  # seconds:\ndb_read_timeout = 5\n".write(
            toFile: settingsPath, atomically: true, encoding: .utf8)
        let configuration = try SiteConfiguration.load(
            wpConfigPath: path, settingsPath: settingsPath, environment: ["PRESSGATE_BCRYPT_COST": "12"])
        XCTAssertEqual(configuration.settings.passwords.hashTarget, .wordPressBcrypt(cost: 12))
        XCTAssertEqual(configuration.settings.database.readTimeout, 5)
        XCTAssertEqual(configuration.databaseAddress.host, "127.0.0.1")
        XCTAssertEqual(configuration.databaseAddress.port, 3307)

        // A '#' after a value is part of it (a secret may hold one), so a trailing comment makes this
        // number invalid: a loud error naming the key and line, never a silently shortened value.
        try "db_read_timeout = 5 # seconds\n".write(toFile: settingsPath, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(
            try SiteConfiguration.load(wpConfigPath: path, settingsPath: settingsPath, environment: [:])
        ) { error in
            XCTAssertTrue("\(error)".contains("db_read_timeout") && "\(error)".contains(":1"), "\(error)")
        }
        try "hash_fromat = phpass\n".write(toFile: settingsPath, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(
            try SiteConfiguration.load(wpConfigPath: path, settingsPath: settingsPath, environment: [:])
        ) { error in
            XCTAssertTrue("\(error)".contains("hash_fromat") && "\(error)".contains(":1"), "\(error)")
        }
        // wp-bcrypt on a 6.1–6.7 site is refused at start.
        let old = try site(
            "<?php define('DB_NAME','w'); define('DB_USER','u'); define('DB_PASSWORD','p'); define('DB_HOST','localhost');"
        )
        XCTAssertThrowsError(
            try SiteConfiguration.load(
                wpConfigPath: old, settingsPath: nil, environment: ["PRESSGATE_HASH_FORMAT": "wp-bcrypt"]))
    }
}
