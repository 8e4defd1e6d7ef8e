/// Names and e-mail addresses as WordPress stores them for a user.
public enum WordPressText {
    public enum Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        /// Control characters (CR, LF, NUL, tab …), markup (`<`, `>`), backslashes or `%XX` octets,
        /// which WordPress's filters would silently rewrite and which have no place in a name.
        case unacceptableCharacters(field: String)
        case tooLong(field: String, maximum: Int)
        case invalidEmail

        public var description: String {
            switch self {
            case .unacceptableCharacters(let field):
                "\(field) contains characters that are not accepted (control characters, <, >, \\ or %XX)"
            case .tooLong(let field, let maximum): "\(field) is longer than \(maximum) characters"
            case .invalidEmail: "the e-mail address is not valid"
            }
        }
    }

    /// A first or last name as `wp_insert_user` stores it (`sanitize_text_field`, `wp_filter_kses`,
    /// `_wp_specialchars`): whitespace runs collapsed, trimmed, `&` written as `&amp;` unless it
    /// already starts an entity. Input those filters would mangle is refused instead.
    public static func name(_ text: String, field: String) throws(Refusal) -> String {
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || "<>\\".unicodeScalars.contains(scalar) {
                throw .unacceptableCharacters(field: field)
            }
        }
        if hasPercentOctet(text) { throw .unacceptableCharacters(field: field) }
        let collapsed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        guard collapsed.count <= 250 else { throw .tooLong(field: field, maximum: 250) }
        return encodeAmpersands(collapsed)
    }

    /// `_wp_specialchars($s, ENT_NOQUOTES, false, false)` for text without `<` and `>`: a bare `&`
    /// becomes `&amp;`, an existing entity (`&amp;`, `&#38;`, `&#x26;`) is kept.
    static func encodeAmpersands(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        for (index, character) in characters.enumerated() {
            if character == "&" && !startsEntity(characters, at: index) {
                output += "&amp;"
            } else {
                output.append(character)
            }
        }
        return output
    }

    private static func startsEntity(_ characters: [Character], at index: Int) -> Bool {
        guard let end = characters[index...].prefix(12).firstIndex(of: ";"), end > index + 1 else { return false }
        let body = characters[(index + 1)..<end]
        if body.first == "#" {
            let digits = body.dropFirst()
            if digits.first == "x" || digits.first == "X" {
                return digits.count > 1 && digits.dropFirst().allSatisfy(\.isHexDigit)
            }
            return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return body.first!.isASCII && body.first!.isLetter
            && body.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    private static func hasPercentOctet(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 3 else { return false }
        for i in 0..<(scalars.count - 2) where scalars[i] == "%" {
            if scalars[i + 1].properties.isASCIIHexDigit && scalars[i + 2].properties.isASCIIHexDigit { return true }
        }
        return false
    }

    /// Mirrors `is_email()` (without its filter): at least 6 characters, one `@`, a local part of
    /// ``localCharacters``, and a domain of at least two dot-separated labels of `[a-z0-9-]`, none
    /// starting or ending with `-`. CR, LF and every other control character fail, so an address
    /// can never inject a mail header.
    public static func isEmail(_ email: String) -> Bool {
        guard email.count >= 6, email.count <= 100,
            email.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x21 && $0.value < 0x7F })
        else {
            return false
        }
        let parts = email.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].contains("@") else { return false }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty, local.allSatisfy({ localCharacters.contains($0) }) else { return false }
        guard !domain.contains(".."), !domain.hasPrefix("."), !domain.hasSuffix(".") else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// `is_email()`'s local-part characters.
    static let localCharacters = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-")
}
