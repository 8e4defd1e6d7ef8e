import XCTest

@testable import FastCGIServer

/// `--listen` and the `listen` setting: a unix socket path or a host and port, never "every interface".
final class ListenAddressTests: XCTestCase {
    func testUnixSockets() {
        XCTAssertEqual(
            ListenAddress("unix:/run/pressgate/pressgate.sock"), .unix(path: "/run/pressgate/pressgate.sock"))
        XCTAssertNil(ListenAddress("unix:relative.sock"), "relative paths depend on the working folder")
        XCTAssertNil(ListenAddress("unix:/" + String(repeating: "a", count: 107)), "longer than sun_path")
        XCTAssertNotNil(ListenAddress("unix:/" + String(repeating: "a", count: 106)))
    }

    func testHostsAndPorts() {
        XCTAssertEqual(ListenAddress("127.0.0.1:9000"), .tcp(host: "127.0.0.1", port: 9000))
        XCTAssertEqual(ListenAddress("[::1]:9000"), .tcp(host: "::1", port: 9000))
        XCTAssertEqual(ListenAddress("localhost:1"), .tcp(host: "localhost", port: 1))
        for refused in [":9000", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1", "127.0.0.1:http", "", "[]:80"] {
            XCTAssertNil(ListenAddress(refused), refused)
        }
    }

    func testDescriptionsReadBack() {
        for text in ["unix:/tmp/p.sock", "127.0.0.1:9000", "[::1]:9000"] {
            XCTAssertEqual(ListenAddress(text)?.description, text)
        }
        XCTAssertEqual(ListenAddress.inherited(fd: 0).description, "fd 0")
        XCTAssertEqual(ListenAddress.inherited(fd: 3).description, "fd 3")
    }
}
