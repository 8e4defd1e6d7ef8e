import Foundation
import MemberStore
import PressGateTestSupport
import WordPressCompat
import XCTest

/// The whole stack for one test: a WordPress site on the private mariadbd, `pressgate serve` on a
/// unix socket, and real nginx on 127.0.0.1 in front of it (the configuration in nginx/).
final class RunningSite {
    let site: TestSite
    let runDirectory: String
    let socket: String
    let port: Int
    private(set) var environment: [String: String]
    private(set) var server: ServerProcess
    let http: HTTPClient

    init(
        _ kind: TestSite.Kind = .schema(version: "6.1.9"), siteURL: String = "http://127.0.0.1:8080",
        settings: [String: String] = [:], threads: Int = 4, socketActivated: Bool = false, testCase: XCTestCase
    ) throws {
        site = try TestSite(kind, siteURL: siteURL, settings: settings, testCase: testCase)
        try site.migrate()
        let directory = try XCTUnwrap(mkdtemp(strdup("/tmp/pressgate-e2e.XXXXXX")).map { String(cString: $0) })
        chmod(directory, 0o755)
        runDirectory = directory
        socket = directory + "/pressgate.sock"
        var environment = ProcessInfo.processInfo.environment
        environment["PRESSGATE_WP_CONFIG"] = site.wpConfigPath
        for (key, value) in settings { environment[key] = value }
        self.environment = environment
        // Socket activation as systemd does it: the socket made by systemd-socket-activate, passed on
        // fd 3 with LISTEN_FDS and LISTEN_PID (no --listen, so PressGate takes it). The tool starts
        // the program at the first connection, with only the variables named by -E.
        let passed = environment.keys.filter { $0.hasPrefix("PRESSGATE_") || $0 == "NOTIFY_SOCKET" || $0 == "PATH" }
        server =
            socketActivated
            ? try ServerProcess(
                "/usr/bin/systemd-socket-activate",
                ["-l", socket] + passed.sorted().flatMap { ["-E", $0] }
                    + [TestSite.pressgateBinary, "serve", "--threads", String(threads)],
                environment: environment, logPath: directory + "/pressgate.log")
            : try ServerProcess(
                TestSite.pressgateBinary, ["serve", "--listen", "unix:\(socket)", "--threads", String(threads)],
                environment: environment, logPath: directory + "/pressgate.log")
        let socketPath = socket
        let started = server
        guard waitUntil({ FileManager.default.fileExists(atPath: socketPath) || !started.isRunning }), started.isRunning
        else {
            throw TestFailure("pressgate serve did not start: \(started.log)")
        }
        var chosen = 0
        for _ in 0..<5 {
            let candidate = Int.random(in: 20_000...45_000)
            if (try? TestSite.script([
                "nginx-start", directory + "/nginx", String(candidate), socket, directory + "/www",
            ])) != nil {
                chosen = candidate
                break
            }
        }
        guard chosen != 0 else { throw TestFailure("nginx did not start") }
        port = chosen
        http = HTTPClient(baseURL: "http://127.0.0.1:\(chosen)")
        let folder = directory
        let process = server
        testCase.addTeardownBlock {
            _ = try? TestSite.script(["nginx-stop", folder + "/nginx"])
            process.stop()
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// A member whose password was set through a form (so wp-login.php accepts it too).
    @discardableResult
    func member(
        email: String, login: String, password: String, wordpress: WordPressVersion = .v6_1,
        target: PasswordHashTarget = .phpass
    ) throws -> Member {
        let hash = try PasswordHasher(wordpress: wordpress, target: target).hash(
            LoginFormPassword.storable(Array(password.utf8)))
        return try site.members.create(
            NewMember(email: email, login: login, passwordHash: hash, role: "subscriber"),
            options: site.options, now: UTCTime.now()
        ).member
    }

    /// Logs in through nginx the way a browser does: fetch the form (CSRF cookie and token), post it.
    func login(
        _ log: String, _ password: String, remember: Bool = false, redirectTo: String? = nil,
        headers: [String: String] = [:]
    ) throws -> HTTPClient.Response {
        let form = try http.request("GET", "/auth/login")
        let csrfCookie = try XCTUnwrap(form.setCookies["pressgate_csrf"], "the form sets its CSRF cookie")
        let token = try XCTUnwrap(Self.hiddenField("_pressgate_csrf", in: form.body))
        var fields = [("log", log), ("pwd", password), ("_pressgate_csrf", token)]
        if remember { fields.append(("rememberme", "forever")) }
        if let redirectTo { fields.append(("redirect_to", redirectTo)) }
        return try http.request(
            "POST", "/auth/login", form: fields, headers: headers, cookies: ["pressgate_csrf": csrfCookie])
    }

    /// The thank-you page's "Log in now": posts the form of `page` (the page the claim link opened).
    func logInNow(from page: HTTPClient.Response) throws -> HTTPClient.Response {
        try http.request(
            "POST", "/auth/welcome",
            form: [
                ("claim", try XCTUnwrap(Self.hiddenField("claim", in: page.body))),
                ("_pressgate_csrf", try XCTUnwrap(Self.hiddenField("_pressgate_csrf", in: page.body))),
            ], cookies: page.setCookies)
    }

    static func hiddenField(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The logged-in cookie a response set, as `name → value` ready to send back.
    func loggedInCookie(_ response: HTTPClient.Response) -> [String: String] {
        response.setCookies.filter { $0.key.hasPrefix("wordpress_logged_in_") }
    }

    /// Stops `pressgate serve` and starts it again with `settings` added (an operator's fix).
    func restartServer(adding settings: [String: String]) throws {
        _ = server.stop(signal: SIGTERM, timeout: 30)
        environment.merge(settings) { $1 }
        try restartServer()
        let socketPath = socket
        let started = server
        guard waitUntil({ FileManager.default.fileExists(atPath: socketPath) || !started.isRunning }) else {
            throw TestFailure("pressgate serve did not start again: \(started.log)")
        }
    }

    /// Restarts `pressgate serve` (used after stopping it in a lifecycle test).
    func restartServer() throws {
        server = try ServerProcess(
            TestSite.pressgateBinary, ["serve", "--listen", "unix:\(socket)", "--threads", "4"],
            environment: environment, logPath: runDirectory + "/pressgate.log")
    }
}
