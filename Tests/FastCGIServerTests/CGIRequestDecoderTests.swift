import PressGateHTTP
import XCTest

@testable import FastCGIServer

/// CGI parameters as nginx's `fastcgi_params` sends them → the request the responder sees.
final class CGIRequestDecoderTests: XCTestCase {
    let base = [
        "REQUEST_METHOD": "POST", "REQUEST_URI": "/auth/login?x=1", "DOCUMENT_URI": "/auth/login",
        "QUERY_STRING": "x=1",
        "REMOTE_ADDR": "203.0.113.5", "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": "7",
    ]

    func testEveryHTTPParameterBecomesAHeaderByItsLowercaseName() {
        var parameters = base
        parameters["HTTP_USER_AGENT"] = "Mozilla/5.0"
        parameters["HTTP_X_WC_WEBHOOK_SIGNATURE"] = "c2ln"
        parameters["HTTP_WEBHOOK_ID"] = "msg_1"
        parameters["HTTP_X_SOMETHING_NEW"] = "passed through"
        parameters["HTTP_"] = "a name with nothing after the prefix is no header"
        let request = CGIRequestDecoder.request(parameters: parameters, body: Array("log=a&b".utf8))
        XCTAssertEqual(request.header("user-agent"), "Mozilla/5.0")
        XCTAssertEqual(request.header("x-wc-webhook-signature"), "c2ln")
        XCTAssertEqual(request.header("webhook-id"), "msg_1")
        XCTAssertEqual(request.header("x-something-new"), "passed through")
        XCTAssertEqual(request.header("content-type"), "application/x-www-form-urlencoded")
        XCTAssertEqual(request.header("content-length"), "7")
        XCTAssertNil(request.headers[""])
        XCTAssertEqual(request.method, .post)
        XCTAssertEqual(request.remoteAddress, "203.0.113.5")
        XCTAssertEqual(request.body, Array("log=a&b".utf8))
    }

    func testThePathIsTheDocumentURIElseTheRequestURIWithoutItsQuery() {
        XCTAssertEqual(CGIRequestDecoder.request(parameters: base, body: []).path, "/auth/login")
        var parameters = base
        parameters["DOCUMENT_URI"] = ""
        parameters["REQUEST_URI"] = "/auth/check?product=a"
        XCTAssertEqual(CGIRequestDecoder.request(parameters: parameters, body: []).path, "/auth/check")
        parameters["DOCUMENT_URI"] = nil
        XCTAssertEqual(CGIRequestDecoder.request(parameters: parameters, body: []).path, "/auth/check")
        XCTAssertEqual(CGIRequestDecoder.request(parameters: [:], body: []).path, "/")
        XCTAssertEqual(CGIRequestDecoder.request(parameters: [:], body: []).method, .get)
    }

    func testHTTPSIsOnOnlyWhenNginxSaysSo() {
        for (value, expected) in [("on", true), ("ON", true), ("1", true), ("", false), ("off", false)] {
            var parameters = base
            parameters["HTTPS"] = value
            XCTAssertEqual(CGIRequestDecoder.request(parameters: parameters, body: []).isHTTPS, expected, value)
        }
        XCTAssertFalse(CGIRequestDecoder.request(parameters: base, body: []).isHTTPS)
    }

    func testCookiesAndAQueryThatKeepsOnlyCleanPairs() {
        var parameters = base
        parameters["HTTP_COOKIE"] = "wordpress_logged_in_x=a%7Cb; pressgate_csrf=n"
        parameters["QUERY_STRING"] = "product=course&bad=%zz&claim=t%2Bx&product=second"
        let request = CGIRequestDecoder.request(parameters: parameters, body: [])
        XCTAssertEqual(request.cookies, ["wordpress_logged_in_x": "a|b", "pressgate_csrf": "n"])
        XCTAssertEqual(
            request.query, ["product": "course", "claim": "t+x"], "a malformed pair is dropped, the first wins")
    }

    func testContentLengthIsNeverNegativeOrGuessed() {
        XCTAssertEqual(CGIRequestDecoder.contentLength(parameters: ["CONTENT_LENGTH": "42"]), 42)
        XCTAssertEqual(CGIRequestDecoder.contentLength(parameters: ["CONTENT_LENGTH": "-5"]), 0)
        XCTAssertEqual(CGIRequestDecoder.contentLength(parameters: ["CONTENT_LENGTH": "12abc"]), 0)
        XCTAssertEqual(CGIRequestDecoder.contentLength(parameters: [:]), 0)
    }

    func testHeaderNames() {
        XCTAssertEqual(CGIRequestDecoder.headerName(cgiName: "HTTP_STRIPE_SIGNATURE"), "stripe-signature")
        XCTAssertEqual(CGIRequestDecoder.headerName(cgiName: "HTTP_X_REQUEST_ID2"), "x-request-id2")
    }
}
