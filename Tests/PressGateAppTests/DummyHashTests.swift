import XCTest

@testable import PressGateApp

/// Issue 15: the stranger's hash has the shape most members have.
final class DummyHashTests: XCTestCase {
    let phpass = "$P$BxvAeBNtpBn1E6C0xSaj6Ym5YmvW/W."
    let bcrypt10 = "$wp$2y$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"
    let bcrypt12 = "$wp$2y$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"

    func testTheMostCommonShapeWins() {
        XCTAssertEqual(DummyHash.representative(of: [phpass, bcrypt10, bcrypt10, bcrypt12, ""]), bcrypt10)
        XCTAssertEqual(DummyHash.representative(of: [phpass, phpass, bcrypt10]), phpass)
        XCTAssertNil(DummyHash.representative(of: []))
    }

    func testShapesSeparateFormatsAndCosts() {
        XCTAssertEqual(DummyHash.shape(of: phpass), "$P$B")
        XCTAssertEqual(DummyHash.shape(of: bcrypt10), "$wp$2y$10$")
        XCTAssertEqual(DummyHash.shape(of: "$2y$11$" + String(repeating: "a", count: 53)), "$2y$11$")
        XCTAssertEqual(
            DummyHash.shape(of: "$argon2id$v=19$m=65536,t=4,p=1$c2FsdA$aGFzaA"), "$argon2id$v=19$m=65536,t=4,p=1$")
        XCTAssertEqual(DummyHash.shape(of: String(repeating: "a", count: 32)), "length:32")
    }

    func testTheDecisionIsKeptForTenMinutes() {
        let dummy = DummyHash(fallback: phpass)
        XCTAssertEqual(dummy.current(now: 1000) { [] }, phpass, "no members: the configured format")
        XCTAssertEqual(dummy.current(now: 1500) { [bcrypt10] }, phpass, "still fresh")
        XCTAssertEqual(dummy.current(now: 1600) { [bcrypt10] }, bcrypt10, "decided again")
    }
}
