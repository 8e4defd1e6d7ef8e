import XCTest

@testable import PressGateHTTP

/// Request bodies and query strings: what PHP's `$_POST`/`$_GET` would hold, or a clear 400/415.
final class FormFieldsTests: XCTestCase {
    func status(_ body: () throws -> FormFields) -> Int? {
        do {
            _ = try body()
            return nil
        } catch let error as HTTPError {
            return error.status.code
        } catch {
            return -1
        }
    }

    func testURLEncoded() throws {
        let form = try FormFields.urlEncoded(Array("log=al+ice&pwd=p%40ss%3D%26&empty=&bare&log=second".utf8))
        XCTAssertEqual(form.values, ["log": "al ice", "pwd": "p@ss=&", "empty": "", "bare": ""])
        XCTAssertEqual(try FormFields.urlEncoded(Array("u=%C3%A9t%C3%A9".utf8))["u"], "été")
        XCTAssertEqual(try FormFields.urlEncoded([]).values, [:])
    }

    func testMalformedInvalidAndNULAreRefused() {
        XCTAssertEqual(status { try FormFields.urlEncoded(Array("a=%zz".utf8)) }, 400)
        XCTAssertEqual(status { try FormFields.urlEncoded(Array("a=%4".utf8)) }, 400)
        XCTAssertEqual(status { try FormFields.urlEncoded(Array("a=%00".utf8)) }, 400)
        XCTAssertEqual(status { try FormFields.urlEncoded(Array("a=%C3%28".utf8)) }, 400, "invalid UTF-8")
        XCTAssertEqual(status { try FormFields.urlEncoded([0x61, 0x3D, 0xFF]) }, 400, "a raw invalid byte")
    }

    func testJSONObjectsOfStringsAndNumbers() throws {
        let form = try FormFields.json(Array(#"{"log":"alice","remember":1,"pwd":"p\u00e9"}"#.utf8))
        XCTAssertEqual(form.values, ["log": "alice", "remember": "1", "pwd": "pé"])
        XCTAssertEqual(status { try FormFields.json(Array("[1,2]".utf8)) }, 400)
        XCTAssertEqual(status { try FormFields.json(Array("{".utf8)) }, 400)
        XCTAssertEqual(status { try FormFields.json(Array(#"{"a":{"b":1}}"#.utf8)) }, 400)
        XCTAssertEqual(status { try FormFields.json(Array(#"{"a":"x\u0000y"}"#.utf8)) }, 400)
    }

    func testTheBodyIsReadByItsContentType() throws {
        func request(_ type: String, _ body: String) -> HTTPRequest {
            HTTPRequest(method: .post, path: "/", contentType: type, body: Array(body.utf8))
        }
        XCTAssertEqual(
            try FormFields.body(of: request("application/x-www-form-urlencoded; charset=UTF-8", "a=1"))["a"], "1")
        XCTAssertEqual(try FormFields.body(of: request("", "a=1"))["a"], "1")
        XCTAssertEqual(try FormFields.body(of: request("Application/JSON", #"{"a":"1"}"#))["a"], "1")
        XCTAssertEqual(status { try FormFields.body(of: request("text/plain", "a=1")) }, 415)
        XCTAssertEqual(status { try FormFields.body(of: request("multipart/form-data; boundary=x", "")) }, 415)
    }

    func testAQueryKeepsTheCleanPairs() {
        XCTAssertEqual(FormFields.lenientQuery("a=1&b=%zz&c=%20x&a=2&&d"), ["a": "1", "c": " x", "d": ""])
        XCTAssertEqual(FormFields.lenientQuery(""), [:])
    }
}
