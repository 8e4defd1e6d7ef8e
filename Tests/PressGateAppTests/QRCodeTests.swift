import Foundation
import XCTest

@testable import PressGateApp

/// Checks that need no outside tool: known answers, capacities, errors and the SVG markup.
final class QRCodeTests: XCTestCase {
    /// Version 1-Q, mask 5, bytes "PressGate", as printed by Python's qrcode 7.4.2 (`get_matrix()`, border 0).
    func testKnownMatrixFromPythonQrcode() throws {
        let expected = [
            "#######.###.#.#######",
            "#.....#.##..#.#.....#",
            "#.###.#..###..#.###.#",
            "#.###.#....#..#.###.#",
            "#.###.#..#..#.#.###.#",
            "#.....#...#...#.....#",
            "#######.#.#.#.#######",
            ".........###.........",
            ".#....###.#.##.....##",
            "###.#..####..###..##.",
            "#.###.###.#.#......#.",
            ".###.......#.#.#.##..",
            ".#....###..###.###.##",
            "........####.#..####.",
            "#######.#...##...###.",
            "#.....#..##...##.####",
            "#.###.#..###.....#..#",
            "#.###.#..######...#..",
            "#.###.#..#####..#..##",
            "#.....#.##.########..",
            "#######.....#..#.#.#.",
        ]
        let code = try QRCode.encode(Array("PressGate".utf8), correction: .quartile, version: 1, mask: 5)
        let rows = (0..<code.size).map { y in String((0..<code.size).map { code.isDark(x: $0, y: y) ? "#" : "." }) }
        XCTAssertEqual(rows, expected)
    }

    /// Format and version words against the tables in ISO/IEC 18004 Annex C.
    func testFormatAndVersionInformationWords() {
        XCTAssertEqual(ModuleGrid.formatBits(correction: .medium, mask: 0), 0x5412)
        XCTAssertEqual(ModuleGrid.formatBits(correction: .low, mask: 0), 0x77C4)
        XCTAssertEqual(ModuleGrid.formatBits(correction: .high, mask: 7), 0x083B)
        XCTAssertEqual(ModuleGrid.formatBits(correction: .quartile, mask: 3), 0x3A06)
        XCTAssertEqual(ModuleGrid.versionBits(7), 0x07C94)
        XCTAssertEqual(ModuleGrid.versionBits(40), 0x28C69)
    }

    /// Byte-mode capacities at the corners of ISO/IEC 18004 Table 7, and the smallest-version choice.
    func testCapacitiesAndVersionSelection() throws {
        XCTAssertEqual(QRCode.byteCapacity(version: 1, correction: .low), 17)
        XCTAssertEqual(QRCode.byteCapacity(version: 1, correction: .high), 7)
        XCTAssertEqual(QRCode.byteCapacity(version: 10, correction: .medium), 213)
        XCTAssertEqual(QRCode.byteCapacity(version: 40, correction: .low), 2953)
        XCTAssertEqual(QRCode.byteCapacity(version: 40, correction: .medium), 2331)
        XCTAssertEqual(QRCode.byteCapacity(version: 40, correction: .quartile), 1663)
        XCTAssertEqual(QRCode.byteCapacity(version: 40, correction: .high), 1273)
        XCTAssertEqual(try QRCode.encode([UInt8](repeating: 0x41, count: 14)).version, 1)
        XCTAssertEqual(try QRCode.encode([UInt8](repeating: 0x41, count: 15)).version, 2)
        XCTAssertEqual(try QRCode.encode([]).version, 1)
        let largest = try QRCode.encode([UInt8](repeating: 0x41, count: 2953), correction: .low)
        XCTAssertEqual(largest.version, 40)
        XCTAssertEqual(largest.size, 177)
    }

    func testTooLongInputThrows() {
        for (level, maximum) in [(QRCode.Correction.low, 2953), (.medium, 2331), (.quartile, 1663), (.high, 1273)] {
            XCTAssertThrowsError(try QRCode.encode([UInt8](repeating: 0x61, count: maximum + 1), correction: level)) {
                XCTAssertEqual(
                    $0 as? QRCode.EncodingError,
                    .dataTooLong(byteCount: maximum + 1, maximumByteCount: maximum))
                XCTAssertTrue(String(describing: $0).contains("at most \(maximum)"))
            }
        }
    }

    func testSVGMarkup() throws {
        let code = try QRCode.encode(Array("otpauth://totp/A:b?secret=JBSWY3DP".utf8))
        let svg = code.svg(moduleSize: 5, quietZone: 4, title: "Scan <this> & \"that\" 'code'\u{1}")
        let extent = code.size + 8
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""))
        XCTAssertTrue(svg.hasSuffix("</svg>"))
        XCTAssertTrue(svg.contains("viewBox=\"0 0 \(extent) \(extent)\""))
        XCTAssertTrue(svg.contains("width=\"\(extent * 5)\" height=\"\(extent * 5)\""))
        XCTAssertTrue(svg.contains("shape-rendering=\"crispEdges\""))
        XCTAssertTrue(svg.contains("<title>Scan &lt;this&gt; &amp; &quot;that&quot; &apos;code&apos;</title>"))
        XCTAssertTrue(svg.contains("<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/>"))
        XCTAssertEqual(svg.components(separatedBy: "<path").count, 2, "exactly one path")
        for forbidden in ["<?xml", "style=", "<script", "href", "url(", "\u{1}"] {
            XCTAssertFalse(svg.contains(forbidden), forbidden)
        }
        // The top-left finder's first row is one run of 7 dark modules, offset by the quiet zone.
        XCTAssertTrue(svg.contains("d=\"M4 4h7v1h-7z"))
    }

    /// Redraws the path's rectangles onto a grid and compares it with `isDark`, so merged runs lose nothing.
    func testSVGPathCoversExactlyTheDarkModules() throws {
        let payload = (0..<120).map { UInt8(0x21 + ($0 * 37 + 7) % 94) }
        let code = try QRCode.encode(payload, correction: .high)
        let svg = code.svg(quietZone: 2, title: "t")
        guard let start = svg.range(of: " d=\"")?.upperBound,
            let end = svg[start...].firstIndex(of: "\"")
        else {
            return XCTFail("no path data")
        }
        var painted = Set<Int>()
        let pattern = try NSRegularExpression(pattern: "M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z")
        let data = String(svg[start..<end])
        let matches = pattern.matches(in: data, range: NSRange(data.startIndex..., in: data))
        XCTAssertEqual(matches.map { $0.range.length }.reduce(0, +), data.utf16.count, "path is only runs")
        for match in matches {
            let numbers = (1...4).map { Int((data as NSString).substring(with: match.range(at: $0))) ?? -1 }
            XCTAssertEqual(numbers[2], numbers[3])
            for x in numbers[0]..<(numbers[0] + numbers[2]) {
                XCTAssertTrue(painted.insert((numbers[1] - 2) * code.size + x - 2).inserted, "overlapping runs")
            }
        }
        let dark = Set((0..<(code.size * code.size)).filter { code.isDark(x: $0 % code.size, y: $0 / code.size) })
        XCTAssertEqual(painted, dark)
    }
}

/// The enrolment QR code read back by a real decoder (zbar, `zbar-tools`), as a phone's camera reads it.
final class QRCodeDecoderTests: XCTestCase {
    func testTheEnrolmentURIDecodes() throws {
        let zbar = "/usr/bin/zbarimg"
        guard FileManager.default.isExecutableFile(atPath: zbar) else {
            let message = "zbarimg is missing (zbar-tools; scripts/test installs it)"
            if ProcessInfo.processInfo.environment["CI"] == "true"
                || ProcessInfo.processInfo.environment["PRESSGATE_REQUIRE_ORACLE"] == "1"
            {
                XCTFail(message)
                return
            }
            throw XCTSkip(message)
        }
        let uri = TOTPURI.make(
            issuer: "Example Site", login: "alice@example.com", key: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        XCTAssertEqual(
            uri,
            "otpauth://totp/Example%20Site%3Aalice%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
                + "&issuer=Example%20Site")
        for correction in QRCode.Correction.allCases {
            let code = try QRCode.encode(Array(uri.utf8), correction: correction)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("pressgate-qr-\(UUID()).pgm")
            defer { try? FileManager.default.removeItem(at: file) }
            try Self.pgm(code).write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: zbar)
            process.arguments = ["--raw", "-q", file.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(
                String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines), uri, "\(correction)")
        }
    }

    /// A binary PGM, 4 pixels per module, with the 4-module quiet zone.
    static func pgm(_ code: QRCode, scale: Int = 4, quietZone: Int = 4) -> Data {
        let side = (code.size + 2 * quietZone) * scale
        var pixels = Data("P5\n\(side) \(side)\n255\n".utf8)
        for row in 0..<side {
            for column in 0..<side {
                pixels.append(code.isDark(x: column / scale - quietZone, y: row / scale - quietZone) ? 0 : 255)
            }
        }
        return pixels
    }
}
