import Foundation
import PressGateTestSupport
import XCTest

/// The production snippet in nginx/ is what operators copy into their site's `server {}`; the tests'
/// running nginx uses the template. `nginx -t` checks that the snippet still loads.
final class NginxConfigurationTests: XCTestCase {
    func testTheProductionSnippetPassesNginxTest() throws {
        let nginx = try XCTUnwrap(
            ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) },
            "nginx is installed by scripts/test")
        let folder = try XCTUnwrap(mkdtemp(strdup("/tmp/pressgate-nginx-t.XXXXXX")).map { String(cString: $0) })
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let repository = TestSite.repositoryRoot.path
        try FileManager.default.copyItem(atPath: "/etc/nginx/fastcgi_params", toPath: folder + "/fastcgi_params")
        let configuration = Self.configuration(
            folder: folder, accessLog: "off", port: 1, snippet: "\(repository)/nginx/pressgate-snippet.conf")
        try configuration.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        let result = try TestSite.run(nginx, ["-t", "-q", "-p", folder, "-c", folder + "/nginx.conf"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    /// Issue 15: with the snippet as shipped, a link's bearer token in the query string does not
    /// reach the access log, even one in nginx's default format (the other locations still log).
    func testTheSnippetKeepsQueryTokensOutOfTheAccessLog() throws {
        let nginx = try XCTUnwrap(
            ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let folder = try XCTUnwrap(mkdtemp(strdup("/tmp/pressgate-nginx-log.XXXXXX")).map { String(cString: $0) })
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: "/etc/nginx/fastcgi_params", toPath: folder + "/fastcgi_params")
        let snippet = try String(
            contentsOfFile: TestSite.repositoryRoot.path + "/nginx/pressgate-snippet.conf", encoding: .utf8
        ).replacingOccurrences(of: "unix:/run/pressgate/pressgate.sock", with: "unix:\(folder)/absent.sock")
        try snippet.write(toFile: folder + "/snippet.conf", atomically: true, encoding: .utf8)
        var port = 0
        var pid: String?
        for _ in 0..<5 where pid == nil {
            port = Int.random(in: 20_000...45_000)
            let configuration = Self.configuration(
                folder: folder, accessLog: "\(folder)/access.log combined", port: port,
                snippet: "\(folder)/snippet.conf")
            try configuration.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
            if try TestSite.run(nginx, ["-p", folder, "-c", folder + "/nginx.conf"]).status == 0 {
                _ = waitUntil { FileManager.default.fileExists(atPath: folder + "/nginx.pid") }
                pid = try? String(contentsOfFile: folder + "/nginx.pid", encoding: .utf8)
            }
        }
        let master = try XCTUnwrap(pid.flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) })
        defer { kill(master, SIGQUIT) }
        let http = HTTPClient(baseURL: "http://127.0.0.1:\(port)")
        _ = try http.request("GET", "/auth/link?t=SECRETTOKEN123")
        _ = try http.request("GET", "/auth/password/reset?login=x&key=SECRETKEY456")
        _ = try http.request("GET", "/logged-elsewhere.txt?harmless=1")
        XCTAssertTrue(
            waitUntil {
                ((try? String(contentsOfFile: folder + "/access.log", encoding: .utf8)) ?? "").contains(
                    "logged-elsewhere")
            }, "the rest of the site is still logged")
        let log = try String(contentsOfFile: folder + "/access.log", encoding: .utf8)
        XCTAssertFalse(log.contains("SECRET"), log)
    }

    /// An nginx.conf that keeps everything in `folder` and serves the snippet on 127.0.0.1.
    static func configuration(folder: String, accessLog: String, port: Int, snippet: String) -> String {
        """
        pid \(folder)/nginx.pid;
        error_log \(folder)/error.log;
        events {}
        http {
            client_body_temp_path \(folder); fastcgi_temp_path \(folder); proxy_temp_path \(folder);
            uwsgi_temp_path \(folder); scgi_temp_path \(folder);
            access_log \(accessLog);
            server {
                listen 127.0.0.1:\(port);
                root \(folder);
                include \(snippet);
            }
        }
        """
    }
}
