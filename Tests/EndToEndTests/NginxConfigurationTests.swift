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
        let configuration = """
            pid \(folder)/nginx.pid;
            error_log \(folder)/error.log;
            events {}
            http {
                client_body_temp_path \(folder); fastcgi_temp_path \(folder); proxy_temp_path \(folder);
                uwsgi_temp_path \(folder); scgi_temp_path \(folder);
                access_log off;
                server {
                    listen 127.0.0.1:1;
                    root \(folder);
                    include \(repository)/nginx/pressgate-snippet.conf;
                }
            }
            """
        try configuration.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        let result = try TestSite.run(nginx, ["-t", "-q", "-p", folder, "-c", folder + "/nginx.conf"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }
}
