/// The square of modules while a symbol is being built.
///
/// Function modules (finder, separator, timing and alignment patterns, format and version information, the dark
/// module) are flagged as they are drawn, so that codeword placement skips them and masking leaves them alone —
/// the standard masks the encoding region only.
struct ModuleGrid {
    let size: Int
    private(set) var modules: [Bool]
    private var isFunction: [Bool]

    /// Draws every function pattern of `version` and reserves the format area, leaving the encoding region light.
    init(version: Int) {
        size = version * 4 + 17
        modules = [Bool](repeating: false, count: size * size)
        isFunction = modules
        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index % 2 == 0)
            setFunction(x: index, y: 6, dark: index % 2 == 0)
        }
        // Finders are drawn after timing so that their separators overwrite the ends of the timing patterns.
        drawFinderPattern(centreX: 3, centreY: 3)
        drawFinderPattern(centreX: size - 4, centreY: 3)
        drawFinderPattern(centreX: 3, centreY: size - 4)
        let positions = QRTables.alignmentPatternPositions(version: version)
        for (row, centreY) in positions.enumerated() {
            for (column, centreX) in positions.enumerated() {
                // The three corners that coincide with finder patterns carry no alignment pattern.
                let isFinderCorner =
                    (row == 0 && column == 0) || (row == 0 && column == positions.count - 1)
                    || (row == positions.count - 1 && column == 0)
                if !isFinderCorner {
                    drawAlignmentPattern(centreX: centreX, centreY: centreY)
                }
            }
        }
        drawFormatBits(0)  // placeholder value, only to mark the area as function modules
        if version >= 7 {
            drawVersionInformation(version)
        }
    }

    subscript(x: Int, y: Int) -> Bool {
        modules[y * size + x]
    }

    private mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    /// A 7×7 finder with its one-module light separator: rings at Chebyshev distance 2 and 4 are light.
    private mutating func drawFinderPattern(centreX: Int, centreY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centreX + dx
                let y = centreY + dy
                guard x >= 0, x < size, y >= 0, y < size else { continue }
                let distance = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: distance != 2 && distance != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark centre, light ring, dark ring.
    private mutating func drawAlignmentPattern(centreX: Int, centreY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centreX + dx, y: centreY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// Writes both copies of the 15-bit format information (7.9.1) and the dark module beside the lower copy.
    /// Bit 0 is the least significant bit of the BCH-encoded, masked word.
    private mutating func drawFormatBits(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // Copy around the top-left finder: up column 8, then left along row 8, skipping the timing patterns.
        for index in 0...5 {
            setFunction(x: 8, y: index, dark: bit(index))
        }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 {
            setFunction(x: 14 - index, y: 8, dark: bit(index))
        }
        // Copy split between the top-right (row 8) and bottom-left (column 8) finders.
        for index in 0..<8 {
            setFunction(x: size - 1 - index, y: 8, dark: bit(index))
        }
        for index in 8..<15 {
            setFunction(x: 8, y: size - 15 + index, dark: bit(index))
        }
        setFunction(x: 8, y: size - 8, dark: true)
    }

    /// Format information for a level and mask: 5 data bits, BCH(15,5) remainder with generator 0x537,
    /// then XOR with 0x5412 so that the word is never all light.
    static func formatBits(correction: QRCode.Correction, mask: Int) -> Int {
        let data = correction.formatBits << 3 | mask
        var remainder = data
        for _ in 0..<10 {
            remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
        }
        return (data << 10 | remainder) ^ 0x5412
    }

    mutating func drawFormatBits(correction: QRCode.Correction, mask: Int) {
        drawFormatBits(Self.formatBits(correction: correction, mask: mask))
    }

    /// Version information (7.10), present from version 7: 6 data bits and a BCH(18,6) remainder with generator
    /// 0x1F25, drawn as a 6×3 block above the bottom-left finder and its transpose left of the top-right finder.
    private mutating func drawVersionInformation(_ version: Int) {
        let bits = Self.versionBits(version)
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let long = size - 11 + index % 3
            let short = index / 3
            setFunction(x: long, y: short, dark: dark)
            setFunction(x: short, y: long, dark: dark)
        }
    }

    static func versionBits(_ version: Int) -> Int {
        var remainder = version
        for _ in 0..<12 {
            remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25)
        }
        return version << 12 | remainder
    }

    /// Places codewords most significant bit first in two-module-wide columns, zigzagging upward and downward from
    /// the bottom-right corner and stepping over the vertical timing pattern (7.7.3). Modules left over are the
    /// remainder bits, which stay light before masking.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let bitCount = codewords.count * 8
        var bitIndex = 0
        var right = size - 1
        while right >= 1 {
            if right == 6 {
                right = 5
            }
            let upward = (right + 1) & 2 == 0
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in [right, right - 1] where !isFunction[y * size + x] && bitIndex < bitCount {
                    modules[y * size + x] = (codewords[bitIndex >> 3] >> UInt8(7 - (bitIndex & 7))) & 1 == 1
                    bitIndex += 1
                }
            }
            right -= 2
        }
    }

    /// The data mask conditions of Table 10, with i the row and j the column.
    static func maskCondition(_ mask: Int, x j: Int, y i: Int) -> Bool {
        switch mask {
        case 0: (i + j) % 2 == 0
        case 1: i % 2 == 0
        case 2: j % 3 == 0
        case 3: (i + j) % 3 == 0
        case 4: (i / 2 + j / 3) % 2 == 0
        case 5: (i * j) % 2 + (i * j) % 3 == 0
        case 6: ((i * j) % 2 + (i * j) % 3) % 2 == 0
        default: ((i + j) % 2 + (i * j) % 3) % 2 == 0
        }
    }

    /// Inverts the encoding-region modules the mask selects; applying the same mask twice restores the grid.
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.maskCondition(mask, x: x, y: y) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// Tries all eight masks on the complete symbol (format information included, as 7.8.3 requires) and returns
    /// the one with the lowest penalty, the lowest-numbered on a tie. The grid is left unmasked.
    mutating func bestMask(correction: QRCode.Correction) -> Int {
        var best = (mask: 0, penalty: Int.max)
        for mask in 0..<8 {
            applyMask(mask)
            drawFormatBits(correction: correction, mask: mask)
            let penalty = Self.penalty(modules: modules, size: size)
            if penalty < best.penalty {
                best = (mask, penalty)
            }
            applyMask(mask)
        }
        return best.mask
    }

    // MARK: - Penalty (7.8.3.1, Table 11)

    /// The last 11 modules of a line as bits (dark = 1, earliest module highest) that N3 penalises: 1:1:3:1:1
    /// followed by four light modules, and the same preceded by four light modules.
    private static let finderLikeThenLight = 0b101_1101_0000
    private static let lightThenFinderLike = 0b000_0101_1101

    /// Penalty score N1 + N2 + N3 + N4 of a complete symbol (row-major `modules`, `true` = dark).
    ///
    /// Where the standard leaves room for reading, this follows the common reference implementations: the N3
    /// light area must lie inside the symbol (the quiet zone does not count), a pattern with light on both sides
    /// scores twice, and N4 is 10 points per whole 5 % step away from 50 % dark.
    static func penalty(modules: [Bool], size: Int) -> Int {
        var score = 0
        var line = [Bool](repeating: false, count: size)
        for y in 0..<size {
            for x in 0..<size { line[x] = modules[y * size + x] }
            score += linePenalty(line)
        }
        for x in 0..<size {
            for y in 0..<size { line[y] = modules[y * size + x] }
            score += linePenalty(line)
        }
        // N2: every 2×2 block of one colour, overlapping blocks counted separately.
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = modules[y * size + x]
                if modules[y * size + x + 1] == colour && modules[(y + 1) * size + x] == colour
                    && modules[(y + 1) * size + x + 1] == colour
                {
                    score += 3
                }
            }
        }
        // N4: 10 points for each full 5 % that the dark proportion departs from 50 %, in integer arithmetic.
        let total = size * size
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        score += abs(dark * 20 - total * 10) / total * 10
        return score
    }

    /// N1 (runs of five or more of one colour: 3 points plus 1 per extra module) and N3 (40 points per
    /// finder-like sequence) for one row or column.
    private static func linePenalty(_ line: [Bool]) -> Int {
        var score = 0
        var runLength = 0
        var window = 0
        for (index, module) in line.enumerated() {
            runLength = index > 0 && line[index - 1] == module ? runLength + 1 : 1
            if runLength == 5 {
                score += 3
            } else if runLength > 5 {
                score += 1
            }
            window = (window << 1 | (module ? 1 : 0)) & 0x7FF
            if index >= 10 && (window == finderLikeThenLight || window == lightThenFinderLike) {
                score += 40
            }
        }
        return score
    }
}
