import WordPressCompat
import XCTest

@testable import PressGateApp

/// Issue 15: the site keys are read again every few seconds, so a salt rotation is followed.
final class SiteKeysCacheTests: XCTestCase {
    struct LoadFailed: Error {}

    func keys(_ loggedInKey: String) -> SiteKeys {
        let salts = WordPressSalts(constants: ["LOGGED_IN_KEY": loggedInKey], options: [:])
        return SiteKeys(
            signer: AuthCookieSigner(salts: salts, wordpress: .v6_8),
            cookieNames: CookieNames(siteURL: "http://example.test", homeURL: "http://example.test"),
            siteURL: "http://example.test", homeURL: "http://example.test", csrfKey: [1, 2, 3])
    }

    func testKeysAreReadAgainAfterAFewSecondsAndAChangeIsReported() throws {
        let cache = SiteKeysCache()
        var loads = 0
        var changes = 0
        func get(_ now: Int, _ key: String) throws -> SiteKeys {
            try cache.get(
                now: now,
                load: {
                    loads += 1
                    return keys(key)
                }, changed: { changes += 1 })
        }
        XCTAssertEqual(try get(100, "one").fingerprint, keys("one").fingerprint)
        XCTAssertEqual(try get(104, "two").fingerprint, keys("one").fingerprint, "fresh for 5 seconds")
        XCTAssertEqual(loads, 1)
        XCTAssertEqual(try get(105, "one").fingerprint, keys("one").fingerprint)
        XCTAssertEqual([loads, changes], [2, 0], "read again, unchanged")
        XCTAssertEqual(try get(110, "two").fingerprint, keys("two").fingerprint)
        XCTAssertEqual([loads, changes], [3, 1], "new salts reported once")
    }

    func testAFailedReloadKeepsTheKeysAndTheFirstLoadThrows() throws {
        let cache = SiteKeysCache()
        XCTAssertThrowsError(try cache.get(now: 100, load: { throw LoadFailed() }, changed: {}))
        _ = try cache.get(now: 100, load: { keys("one") }, changed: {})
        let kept = try cache.get(now: 200, load: { throw LoadFailed() }, changed: { XCTFail("nothing changed") })
        XCTAssertEqual(kept.fingerprint, keys("one").fingerprint)
    }
}
