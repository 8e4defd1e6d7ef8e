import WordPressCompat
import XCTest

final class PasswordGeneratorTests: XCTestCase {
    func testLengthAndAlphabet() {
        var random = SeededRandom(seed: 4)
        let password = PasswordGenerator().generate(using: &random)
        XCTAssertEqual(password.count, 16)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()")
        XCTAssertTrue(password.allSatisfy(allowed.contains), password)
        XCTAssertTrue(
            PasswordGenerator(length: 43, alphabet: .alphanumeric).generate(using: &random)
                .allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
    }

    /// Every character of the 72-character alphabet appears, and none is favoured: with rejection
    /// sampling each count stays near n/72 (a modulo would favour the first 256 % 72 = 40 characters
    /// by 4/3). The bound is about 6 standard deviations, so it fails only for a real bias.
    func testCharactersAreUniform() {
        var random = SeededRandom(seed: 5)
        let sample = PasswordGenerator(length: 72 * 2000, alphabet: .special).generate(using: &random)
        var counts: [Character: Int] = [:]
        for character in sample { counts[character, default: 0] += 1 }
        XCTAssertEqual(counts.count, 72)
        for (character, count) in counts {
            XCTAssertEqual(Double(count), 2000, accuracy: 270, "character \(character)")
        }
    }

    func testExtraSpecialAlphabetHas92Characters() {
        var random = SeededRandom(seed: 6)
        let sample = PasswordGenerator(length: 20000, alphabet: .extraSpecial).generate(using: &random)
        XCTAssertEqual(Set(sample).count, 92)
    }
}
