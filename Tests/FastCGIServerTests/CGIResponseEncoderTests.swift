import PressGateHTTP
import XCTest

@testable import FastCGIServer

/// A response → the bytes libfcgi writes back to nginx.
final class CGIResponseEncoderTests: XCTestCase {
    func text(_ response: HTTPResponse) -> String {
        String(decoding: CGIResponseEncoder.bytes(for: response), as: UTF8.self)
    }

    func testStatusLineHeadersInOrderAndLength() {
        let response = HTTPResponse(
            status: 303, headers: [("Location", "/"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2")],
            body: Array("See /\n".utf8))
        XCTAssertEqual(
            text(response),
            "Status: 303 See Other\r\nLocation: /\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nContent-Length: 6\r\n\r\nSee /\n"
        )
    }

    func testAnEmptyBodyHasNoLength() {
        XCTAssertEqual(text(.empty(204)), "Status: 204 No Content\r\n\r\n")
        XCTAssertEqual(text(.empty(418)), "Status: 418 Status\r\n\r\n")
    }

    func testHeadersThatWouldSplitTheResponseAreDropped() {
        let response = HTTPResponse(
            status: 200,
            headers: [
                ("X-Ok", "fine"), ("X-Bad", "a\r\nSet-Cookie: evil=1"), ("X-Lf", "a\nb"), ("X-Nul", "a\0b"),
                ("Bad\r\nName", "v"), ("", "nameless"),
            ])
        XCTAssertEqual(text(response), "Status: 200 OK\r\nX-Ok: fine\r\n\r\n")
    }
}
