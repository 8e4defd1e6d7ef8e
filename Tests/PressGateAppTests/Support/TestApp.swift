import Foundation
import Logging
import PressGateConfiguration
import PressGateHTTP
import WordPressCompat
import XCTest

@testable import PressGateApp

/// PressGate in-process (Hummingbird's `app.test(.router)`): the real pipeline, middleware and
/// controllers, driven with ``HTTPRequest`` values and answering ``HTTPResponse`` values, without
/// nginx, a server process or a database. The site keys are fixed and the clock stands still; the
/// database is a socket that does not exist, so a route that reaches it answers 503 (which the
/// tests that must stay off the database assert they never see).
final class TestApp {
    static let now = 1_800_000_000
    static let home = "https://members.example"

    let app: PressGateApp
    let responder: PressGateResponder
    let keys: SiteKeys
    private let directory: URL

    /// `settings`: PressGate settings as `PRESSGATE_<KEY>` environment values.
    init(settings: [String: String] = [:], home: String = TestApp.home) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("pressgate-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let wpConfig = directory.appendingPathComponent("wp-config.php")
        try """
        <?php
        define( 'DB_NAME', 'nowhere' );
        define( 'DB_USER', 'nobody' );
        define( 'DB_PASSWORD', 'unused' );
        define( 'DB_HOST', 'localhost:\(directory.path)/no-such-mysqld.sock' );
        $table_prefix = 'wp_';
        """.write(to: wpConfig, atomically: true, encoding: .utf8)
        var environment = ["PRESSGATE_WORDPRESS_VERSION": "6.8", "PRESSGATE_DB_CONNECT_TIMEOUT": "1"]
        environment.merge(settings) { $1 }
        let configuration = try SiteConfiguration.load(
            wpConfigPath: wpConfig.path, settingsPath: nil, environment: environment)
        let salts = WordPressSalts(constants: [
            "AUTH_KEY": "unit-auth-key", "AUTH_SALT": "unit-auth-salt", "SECURE_AUTH_KEY": "unit-secure-key",
            "SECURE_AUTH_SALT": "unit-secure-salt", "LOGGED_IN_KEY": "unit-logged-in-key",
            "LOGGED_IN_SALT": "unit-logged-in-salt", "NONCE_KEY": "unit-nonce-key", "NONCE_SALT": "unit-nonce-salt",
        ])
        keys = SiteKeys(
            signer: AuthCookieSigner(salts: salts, wordpress: configuration.wordpress),
            cookieNames: CookieNames(siteURL: home, homeURL: home), siteURL: home, homeURL: home,
            csrfKey: Array("unit-test-csrf-key".utf8))
        var logger = Logger(label: "pressgate.unit")
        logger.logLevel = .critical
        app = try PressGateApp(configuration: configuration, logger: logger, siteKeys: keys, clock: { TestApp.now })
        responder = app.makeResponder()
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func execute(_ request: HTTPRequest) -> HTTPResponse { responder.respond(to: request) }

    func get(
        _ path: String, query: [String: String] = [:], cookies: [String: String] = [:], headers: [String: String] = [:],
        https: Bool = false
    ) -> HTTPResponse {
        execute(HTTPRequest(method: .get, path: path, query: query, cookies: cookies, headers: headers, isHTTPS: https))
    }

    /// A urlencoded form POST.
    func post(
        _ path: String, form: [(String, String)] = [], cookies: [String: String] = [:], headers: [String: String] = [:],
        https: Bool = false
    ) -> HTTPResponse {
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return execute(
            HTTPRequest(
                method: .post, path: path, cookies: cookies, headers: headers, remoteAddress: "192.0.2.10",
                isHTTPS: https,
                contentType: "application/x-www-form-urlencoded", body: Array(body.utf8)))
    }

    /// A POST with a raw body of the given type.
    func post(_ path: String, body: [UInt8], contentType: String, headers: [String: String] = [:]) -> HTTPResponse {
        execute(
            HTTPRequest(
                method: .post, path: path, headers: headers, remoteAddress: "192.0.2.10", contentType: contentType,
                body: body))
    }

    /// A valid CSRF pair as a browser holds it after loading a form: the nonce cookie and the token.
    func csrf(
        nonce: String = String(repeating: "n", count: SessionToken.length)
    ) -> (cookies: [String: String], field: (String, String)) {
        ([CSRFToken.cookieName: nonce], (CSRFToken.fieldName, CSRFToken.token(forNonce: nonce, key: keys.csrfKey)))
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }
}
