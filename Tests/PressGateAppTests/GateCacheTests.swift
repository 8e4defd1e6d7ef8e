import Synchronization
import XCTest

@testable import PressGateApp

/// The gate's cache of recent "yes" answers: keyed on the cookie's exact bytes and the product,
/// bounded by its lifetime and the cookie's expiration, dropped per member or all at once.
final class GateCacheTests: XCTestCase {
    let now = 1_800_000_000
    let cookie = "gil|1800003600|token|mac"

    func answer(_ member: UInt64 = 7, expiration: Int = 1_800_003_600) -> GateCache.Answer {
        GateCache.Answer(memberID: member, login: "gil", expiration: expiration)
    }

    func testAYesIsReusedForTheSameCookieAndProductOnly() {
        let cache = GateCache(lifetimeSeconds: 30)
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now))
        cache.remember(answer(), cookie: cookie, product: "course", epoch: cache.epoch)
        XCTAssertEqual(cache.answer(cookie: cookie, product: "course", now: now), answer())
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now), "any-member and product answers are apart")
        XCTAssertNil(cache.answer(cookie: cookie, product: "other", now: now))
        XCTAssertNil(cache.answer(cookie: cookie + "x", product: "course", now: now))
    }

    func testTheKeyIsTheCookiesBytesNotItsUnicodeEquivalent() {
        let cache = GateCache(lifetimeSeconds: 30)
        let composed = "\u{E9}|1800003600|token|mac"
        let decomposed = "e\u{301}|1800003600|token|mac"
        XCTAssertEqual(composed, decomposed, "Swift compares them equal")
        cache.remember(answer(), cookie: composed, product: nil, epoch: cache.epoch)
        XCTAssertNotNil(cache.answer(cookie: composed, product: nil, now: now))
        XCTAssertNil(
            cache.answer(cookie: decomposed, product: nil, now: now), "other bytes never had their HMAC checked")
    }

    func testNeverPastTheCookiesExpiration() {
        let cache = GateCache(lifetimeSeconds: 30)
        cache.remember(answer(expiration: now + 1), cookie: cookie, product: nil, epoch: cache.epoch)
        XCTAssertNotNil(
            cache.answer(cookie: cookie, product: nil, now: now + 1),
            "expiration == now is still valid, as in WordPress")
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now + 2))
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now), "an unusable entry is dropped")
    }

    func testNeverPastItsLifetime() {
        let clock = ManualClock()
        let cache = GateCache(lifetimeSeconds: 1, clock: clock.read)
        cache.remember(answer(), cookie: cookie, product: nil, epoch: cache.epoch)
        clock.advance(nanoseconds: 999_999_999)
        XCTAssertNotNil(cache.answer(cookie: cookie, product: nil, now: now))
        clock.advance(nanoseconds: 1)
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now), "one second old is too old")
    }

    func testZeroSecondsTurnsItOff() {
        let cache = GateCache(lifetimeSeconds: 0)
        XCTAssertFalse(cache.isEnabled)
        cache.remember(answer(), cookie: cookie, product: nil, epoch: cache.epoch)
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now))
    }

    func testForgettingAMemberDropsOnlyTheirEntries() {
        let cache = GateCache(lifetimeSeconds: 30)
        cache.remember(answer(7), cookie: cookie, product: nil, epoch: cache.epoch)
        cache.remember(answer(7), cookie: cookie, product: "course", epoch: cache.epoch)
        cache.remember(answer(8), cookie: "other|1800003600|t|m", product: nil, epoch: cache.epoch)
        cache.forget(memberID: 7)
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now))
        XCTAssertNil(cache.answer(cookie: cookie, product: "course", now: now))
        XCTAssertNotNil(cache.answer(cookie: "other|1800003600|t|m", product: nil, now: now))
        cache.forgetAll()
        XCTAssertNil(cache.answer(cookie: "other|1800003600|t|m", product: nil, now: now))
    }

    func testItNeverHoldsMoreThanItsCapacity() {
        let cache = GateCache(lifetimeSeconds: 30, capacity: 4)
        for index in 0..<10 {
            cache.remember(answer(UInt64(index)), cookie: "c\(index)", product: nil, epoch: cache.epoch)
        }
        let kept = (0..<10).filter { cache.answer(cookie: "c\($0)", product: nil, now: now) != nil }
        XCTAssertLessThanOrEqual(kept.count, 4)
        XCTAssertTrue(kept.contains(9), "the newest answer is kept")
    }

    /// A check that read the database before a logout (or refund) dropped the member's entries must
    /// not store its now stale "yes" afterwards.
    func testAnAnswerFromBeforeAForgetIsNotStored() {
        let cache = GateCache(lifetimeSeconds: 30)
        let before = cache.epoch
        cache.forget(memberID: 7)
        cache.remember(answer(7), cookie: cookie, product: nil, epoch: before)
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now))
        let beforeAll = cache.epoch
        cache.forgetAll()
        cache.remember(answer(7), cookie: cookie, product: nil, epoch: beforeAll)
        XCTAssertNil(cache.answer(cookie: cookie, product: nil, now: now))
        cache.remember(answer(7), cookie: cookie, product: nil, epoch: cache.epoch)
        XCTAssertNotNil(
            cache.answer(cookie: cookie, product: nil, now: now), "a check begun after the forget is stored")
    }
}

/// A monotonic clock the test moves by hand.
final class ManualClock: Sendable {
    private let nanoseconds = Mutex<UInt64>(1_000_000_000)

    var read: @Sendable () -> UInt64 { { self.nanoseconds.withLock { $0 } } }

    func advance(nanoseconds delta: UInt64) { nanoseconds.withLock { $0 += delta } }
}
