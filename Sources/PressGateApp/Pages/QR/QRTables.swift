/// Capacity and layout facts from ISO/IEC 18004:2015 that depend only on the version and the correction level.
///
/// The per-block tables are written out rather than derived because the standard defines them by table, not by
/// formula; everything that does follow a formula (module counts, alignment positions) is computed, which keeps
/// the transcribed data down to two small tables that the tests cross-check against an independent encoder.
enum QRTables {
    /// Versions this encoder can produce: all that the standard defines.
    static let versions = 1...40

    /// Error-correction codewords in each block (Table 9), one row per level in the order L, M, Q, H;
    /// index 0 of each row is unused so that the version can index it directly.
    static let eccCodewordsPerBlock: [[Int]] = [
        [
            0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
            28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
            26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
        ],
        [
            0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
            28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
        [
            0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
            30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
        ],
    ]

    /// Number of error-correction blocks (Table 9), laid out like `eccCodewordsPerBlock`.
    static let blockCount: [[Int]] = [
        [
            0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
            8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
        ],
        [
            0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
            17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
        ],
        [
            0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
            23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
        ],
        [
            0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
            25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
        ],
    ]

    /// Modules left for codewords and remainder bits once every function pattern, the format information and
    /// (from version 7) the version information are taken out; the closed form counts the same areas as Table 1.
    static func rawDataModules(version: Int) -> Int {
        var modules = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignmentsPerSide = version / 7 + 2
            // Alignment patterns, minus their overlap with the timing patterns.
            modules -= (25 * alignmentsPerSide - 10) * alignmentsPerSide - 55
            if version >= 7 {
                modules -= 36  // two 6×3 version information blocks
            }
        }
        return modules
    }

    /// Whole codewords in the symbol; the last `rawDataModules % 8` modules are remainder bits.
    static func totalCodewords(version: Int) -> Int {
        rawDataModules(version: version) / 8
    }

    /// Codewords available for the message after error correction is reserved.
    static func dataCodewords(version: Int, correction: QRCode.Correction) -> Int {
        let level = correction.tableIndex
        return totalCodewords(version: version)
            - eccCodewordsPerBlock[level][version] * blockCount[level][version]
    }

    /// Row/column coordinates of alignment pattern centres (Annex E). The spacing rule — first at 6, last at
    /// size − 7, the rest evenly spaced by an even step, with version 32 the one exception — reproduces Table E.1.
    static func alignmentPatternPositions(version: Int) -> [Int] {
        guard version >= 2 else { return [] }
        let count = version / 7 + 2
        let step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
        let last = version * 4 + 10
        return [6] + (0..<(count - 1)).reversed().map { last - $0 * step }
    }
}

/// Reed–Solomon error correction over GF(2⁸) with the QR Code field polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D).
enum ReedSolomon {
    /// Multiplies in GF(2⁸) by shift-and-reduce; the messages are small enough that log tables would only add code.
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var product: UInt16 = 0
        for bit in stride(from: 7, through: 0, by: -1) {
            product = (product << 1) ^ ((product >> 7) * 0x11D)
            if (y >> UInt8(bit)) & 1 == 1 {
                product ^= UInt16(x)
            }
        }
        return UInt8(truncatingIfNeeded: product)
    }

    /// The generator polynomial ∏(x − αⁱ) for i in 0..<degree, with α = 2, as its coefficients from the
    /// highest power down, leaving out the leading coefficient 1.
    static func generator(degree: Int) -> [UInt8] {
        var coefficients = [UInt8](repeating: 0, count: degree)
        coefficients[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            // Multiply the running product by (x − root); subtraction is XOR in this field.
            for index in 0..<degree {
                coefficients[index] = multiply(coefficients[index], root)
                if index + 1 < degree {
                    coefficients[index] ^= coefficients[index + 1]
                }
            }
            root = multiply(root, 2)
        }
        return coefficients
    }

    /// The error-correction codewords: the remainder of message(x)·x^degree divided by the generator.
    static func remainder(of message: [UInt8], generator: [UInt8]) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: generator.count)
        for byte in message {
            let factor = byte ^ remainder.removeFirst()
            remainder.append(0)
            for index in remainder.indices {
                remainder[index] ^= multiply(generator[index], factor)
            }
        }
        return remainder
    }
}
