/// A QR Code symbol (ISO/IEC 18004:2015, Model 2) carrying arbitrary bytes, and its rendering as inline SVG.
///
/// Only byte mode is implemented: the intended payloads (`otpauth://` URIs) mix lower case and punctuation, which
/// numeric and alphanumeric modes cannot hold, so a single mode keeps the encoder small without costing size.
/// No ECI header is written; readers take the bytes as ISO 8859-1 or, in practice, guess UTF-8, which is why ASCII
/// payloads (such as percent-encoded URIs) are the safe choice.
public struct QRCode: Sendable {
    /// Error-correction level: the share of codewords that can be restored, bought with a larger symbol.
    public enum Correction: Sendable, CaseIterable {
        /// Level L, about 7 %.
        case low
        /// Level M, about 15 %.
        case medium
        /// Level Q, about 25 %.
        case quartile
        /// Level H, about 30 %.
        case high

        /// Row in the `QRTables` tables, which list the levels in the order L, M, Q, H.
        var tableIndex: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .quartile: 2
            case .high: 3
            }
        }

        /// The two bits the format information uses for this level (Table 12); not the same order as the tables.
        var formatBits: Int {
            switch self {
            case .low: 0b01
            case .medium: 0b00
            case .quartile: 0b11
            case .high: 0b10
            }
        }
    }

    public enum EncodingError: Error, Equatable, Sendable, CustomStringConvertible {
        /// Even a version 40 symbol at the requested level cannot hold the bytes.
        case dataTooLong(byteCount: Int, maximumByteCount: Int)

        public var description: String {
            switch self {
            case let .dataTooLong(byteCount, maximumByteCount):
                "QR code data too long: \(byteCount) bytes, at most \(maximumByteCount) fit at this correction level"
            }
        }
    }

    /// Symbol version, 1...40; the side is 4 × version + 17 modules.
    public let version: Int
    /// Modules per side, without quiet zone.
    public let size: Int
    public let correction: Correction
    /// Data mask pattern 0...7 that was applied.
    public let mask: Int
    /// Row-major, `true` = dark.
    private let modules: [Bool]

    /// Whether the module in column `x`, row `y` is dark; coordinates outside the symbol are quiet zone (light).
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// Encodes `bytes` in byte mode in the smallest version that holds them at the given level, with the mask
    /// that scores the lowest penalty.
    public static func encode(_ bytes: [UInt8], correction: Correction = .medium) throws -> QRCode {
        try encode(bytes, correction: correction, version: nil, mask: nil)
    }

    /// As the public `encode`, but able to force the version and mask so that tests can compare symbols with
    /// another encoder module for module.
    static func encode(
        _ bytes: [UInt8], correction: Correction, version forcedVersion: Int?, mask forcedMask: Int?
    )
        throws -> QRCode
    {
        let candidates = forcedVersion.map { $0...$0 } ?? QRTables.versions
        precondition(QRTables.versions ~= candidates.lowerBound && QRTables.versions ~= candidates.upperBound)
        precondition(forcedMask.map { 0..<8 ~= $0 } ?? true)
        let fits = { (version: Int) in bytes.count <= byteCapacity(version: version, correction: correction) }
        guard let version = candidates.first(where: fits) else {
            let maximum = byteCapacity(version: candidates.upperBound, correction: correction)
            throw EncodingError.dataTooLong(byteCount: bytes.count, maximumByteCount: maximum)
        }
        let data = dataCodewords(bytes, version: version, correction: correction)
        var grid = ModuleGrid(version: version)
        grid.placeCodewords(interleavedWithErrorCorrection(data, version: version, correction: correction))
        let mask = forcedMask ?? grid.bestMask(correction: correction)
        grid.applyMask(mask)
        grid.drawFormatBits(correction: correction, mask: mask)
        return QRCode(version: version, size: grid.size, correction: correction, mask: mask, modules: grid.modules)
    }

    /// Bits of the byte-mode character count field: 8 up to version 9, 16 from version 10 (Table 3).
    static func characterCountBits(version: Int) -> Int {
        version <= 9 ? 8 : 16
    }

    /// The most bytes one byte-mode segment can carry: data capacity less the 4-bit mode indicator and the count.
    static func byteCapacity(version: Int, correction: Correction) -> Int {
        let bits = QRTables.dataCodewords(version: version, correction: correction) * 8
        return (bits - 4 - characterCountBits(version: version)) / 8
    }

    /// The data codeword sequence (7.4): mode indicator 0100, count, bytes, a terminator of up to four zero bits,
    /// zero bits to the byte boundary, then the pad codewords 0xEC and 0x11 alternately up to capacity.
    static func dataCodewords(_ bytes: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        let capacity = QRTables.dataCodewords(version: version, correction: correction)
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: characterCountBits(version: version))
        for byte in bytes {
            bits.append(Int(byte), count: 8)
        }
        bits.append(0, count: min(4, capacity * 8 - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        for padIndex in 0..<(capacity - codewords.count) {
            codewords.append(padIndex % 2 == 0 ? 0xEC : 0x11)
        }
        return codewords
    }

    /// Splits the data into the blocks of Table 9 (short blocks first, long blocks one codeword longer), appends
    /// each block's Reed–Solomon codewords, and interleaves: data codeword i of every block in turn, then the
    /// error-correction codewords likewise (7.6). Interleaving spreads a local smudge over many blocks.
    static func interleavedWithErrorCorrection(_ data: [UInt8], version: Int, correction: Correction) -> [UInt8] {
        let blocks = QRTables.blockCount[correction.tableIndex][version]
        let eccLength = QRTables.eccCodewordsPerBlock[correction.tableIndex][version]
        let total = QRTables.totalCodewords(version: version)
        let shortBlocks = blocks - total % blocks
        let shortDataLength = total / blocks - eccLength
        let generator = ReedSolomon.generator(degree: eccLength)
        var dataBlocks: [[UInt8]] = []
        var eccBlocks: [[UInt8]] = []
        var offset = 0
        for block in 0..<blocks {
            let length = shortDataLength + (block < shortBlocks ? 0 : 1)
            let blockData = Array(data[offset..<(offset + length)])
            offset += length
            dataBlocks.append(blockData)
            eccBlocks.append(ReedSolomon.remainder(of: blockData, generator: generator))
        }
        var result: [UInt8] = []
        result.reserveCapacity(total)
        for index in 0...shortDataLength {
            for block in dataBlocks where index < block.count {
                result.append(block[index])
            }
        }
        for index in 0..<eccLength {
            for block in eccBlocks {
                result.append(block[index])
            }
        }
        return result
    }
}

/// Appends bit fields most significant bit first, the order in which the standard writes every field.
private struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count length: Int) {
        for shift in stride(from: length - 1, through: 0, by: -1) {
            if count % 8 == 0 {
                bytes.append(0)
            }
            if (value >> shift) & 1 == 1 {
                bytes[count / 8] |= 0x80 >> UInt8(count % 8)
            }
            count += 1
        }
    }
}
