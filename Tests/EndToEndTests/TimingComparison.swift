import Foundation
import XCTest

/// Issue 15's timing tests: whether an answer takes as long for a member as for a stranger. The
/// two kinds of request run alternately (so drift in the machine's speed hits both), after one
/// warm-up, and their medians are compared: a ratio outside `bounds` fails.
struct TimingComparison {
    let samples: Int
    let bounds: ClosedRange<Double>

    /// `member(i)` and `stranger(i)` each make one request for sample `i`; `warmUp` runs first.
    func assertComparable(
        _ label: String, warmUp: () throws -> Void, member: (Int) throws -> Void, stranger: (Int) throws -> Void,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        try warmUp()
        var members: [Double] = []
        var strangers: [Double] = []
        for index in 0..<samples {
            members.append(try Self.seconds { try member(index) })
            strangers.append(try Self.seconds { try stranger(index) })
        }
        let (memberMedian, strangerMedian) = (Self.median(members), Self.median(strangers))
        print("timing \(label): member median \(memberMedian) s, stranger median \(strangerMedian) s")
        XCTAssertTrue(
            bounds.contains(strangerMedian / memberMedian),
            "\(label): member \(memberMedian) s, stranger \(strangerMedian) s (ratio outside \(bounds))",
            file: file, line: line)
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let started = Date()
        try body()
        return Date().timeIntervalSince(started)
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
