import Foundation
import WordPressCompat
import XCTest

/// A repeatable stand-in for the CSPRNG (SplitMix64), so unit tests see the same salts every run.
struct SeededRandom: RandomByteSource {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextBytes(_ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count < count {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            withUnsafeBytes(of: z.littleEndian) { bytes += $0.prefix(count - bytes.count) }
        }
        return bytes
    }
}

/// The known-answer vectors produced by real WordPress PHP (`scripts/gen-vectors`).
enum Vectors {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    static func load<Row: Decodable>(_ name: String, as type: [Row].Type = [Row].self) throws -> [Row] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        let rows = try JSONDecoder().decode([Row].self, from: data)
        XCTAssertFalse(rows.isEmpty, "\(name) has no rows")
        return rows
    }
}

/// Decodes a `…_b64` field into bytes.
func bytes(base64 text: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
    guard let data = Data(base64Encoded: text) else {
        XCTFail("bad base64 in vector: \(text)", file: file, line: line)
        return []
    }
    return Array(data)
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
