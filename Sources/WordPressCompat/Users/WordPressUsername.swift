/// WordPress's rules for user logins and nicenames (`formatting.php`).
public enum WordPressUsername {
    /// `user_login` is `varchar(60)`; `wp_insert_user` refuses longer logins (`mb_strlen`).
    public static let maximumLoginLength = 60
    /// `user_nicename` is `varchar(50)`.
    public static let maximumNicenameLength = 50

    /// Mirrors `sanitize_user($username, $strict)` without its filter: tags stripped, accents
    /// removed, percent-octets and HTML entities removed, (strict) everything outside
    /// `[a-zA-Z0-9 _.\-@]` removed, trimmed, whitespace runs collapsed to one space.
    public static func sanitize(_ username: String, strict: Bool) -> String {
        // Fast path for what nearly every login is: ASCII letters, digits and `_.-@` with single
        // inner spaces — every step below leaves such a string unchanged. (The gate runs this on
        // each request.)
        if isAlreadySanitized(username) { return username }
        var text = removeAccents(stripAllTags(username))
        text = removeOctets(text)
        text = removeEntities(text)
        if strict {
            text = String(String.UnicodeScalarView(text.unicodeScalars.filter(isStrictLoginScalar)))
        }
        return collapseWhitespace(trimmed(text))
    }

    static func isAlreadySanitized(_ text: String) -> Bool {
        var previousSpace = true
        for byte in text.utf8 {
            let plain =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "@")
            if byte == 0x20 {
                if previousSpace { return false }
                previousSpace = true
            } else if plain {
                previousSpace = false
            } else {
                return false
            }
        }
        return !previousSpace
    }

    /// Mirrors `remove_accents()` for the default locale, from WordPress's own table (`AccentTable.swift`).
    public static func removeAccents(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            if let replacement = removeAccentsTable[scalar] {
                output += replacement
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// The nicename `wp_insert_user` derives from a (strictly sanitized) login:
    /// `sanitize_title(mb_substr($user_login, 0, 50))`. For the ASCII a strict login can hold this
    /// is `sanitize_title_with_dashes`: lowercase, `.` → `-`, anything outside `[a-z0-9 _-%]` dropped,
    /// whitespace → `-`, runs of `-` collapsed, `-` trimmed from both ends.
    public static func nicename(forLogin login: String) -> String {
        let base = removeAccents(String(login.prefix(maximumNicenameLength))).lowercased()
        var text = removeEntities(base)
        text = String(text.map { $0 == "." ? "-" : $0 })
        text = String(text.filter { $0.isASCII && ($0.isLetter || $0.isNumber || " _-%".contains($0)) })
        var collapsed = ""
        for character in text {
            let next: Character = character.isWhitespace ? "-" : character
            if next == "-", collapsed.last == "-" { continue }
            collapsed.append(next)
        }
        return String(collapsed.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
    }

    /// The `-2`, `-3`, … variant `wp_insert_user` tries when a nicename is taken: the base is cut to
    /// `49 - strlen(suffix)` characters.
    public static func nicename(_ nicename: String, suffix: Int) -> String {
        let suffixText = String(suffix)
        return String(nicename.prefix(49 - suffixText.count)) + "-" + suffixText
    }

    // MARK: Pieces of sanitize_user

    private static func isStrictLoginScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII
            && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                || " _.-@".unicodeScalars.contains(scalar))
    }

    /// `wp_strip_all_tags()`: `<script>`/`<style>` elements with their content, then every tag
    /// (PHP's `strip_tags`: a `<` followed by whitespace is kept as text; an unclosed tag drops the
    /// rest), then `trim`. One pass over the scalars: hostile input cannot make it quadratic.
    static func stripAllTags(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            guard scalar == "<", i + 1 < scalars.count, !isPHPWhitespace(scalars[i + 1]) else {
                output.append(scalar)
                i += 1
                continue
            }
            if let name = ["script", "style"].first(where: { startsWord($0, in: scalars, at: i + 1) }),
                let end = find("</" + name + ">", in: scalars, from: i)
            {
                i = end
            } else if let close = scalars[i...].firstIndex(of: ">") {
                i = close + 1
            } else {
                break
            }
        }
        return trimmed(String(output))
    }

    /// Case-insensitive match of `word` at `index`.
    private static func startsWord(_ word: String, in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let pattern = Array(word.unicodeScalars)
        guard index + pattern.count <= scalars.count else { return false }
        return zip(scalars[index..<index + pattern.count], pattern).allSatisfy { lowercased($0) == $1 }
    }

    /// Index just after the first case-insensitive occurrence of `needle` at or after `start`, in one
    /// forward scan (the needle has no repeated prefix, so no backtracking is needed).
    private static func find(_ needle: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        var matched = 0
        var i = start
        while i < scalars.count {
            if lowercased(scalars[i]) == pattern[matched] {
                matched += 1
                if matched == pattern.count { return i + 1 }
            } else {
                matched = lowercased(scalars[i]) == pattern[0] ? 1 : 0
            }
            i += 1
        }
        return nil
    }

    private static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        ("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32)! : scalar
    }

    private static func isPHPWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(scalar)
    }

    /// `preg_replace('|%([a-fA-F0-9][a-fA-F0-9])|', '', $s)`.
    static func removeOctets(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "%", i + 2 < scalars.count,
                scalars[i + 1].properties.isASCIIHexDigit, scalars[i + 2].properties.isASCIIHexDigit
            {
                i += 3
                continue
            }
            output.append(scalars[i])
            i += 1
        }
        return String(output)
    }

    /// `preg_replace('/&.+?;/', '', $s)`: from `&` to the nearest `;` with at least one character
    /// between and no newline in it. Linear: the next `;` and the next newline are found once.
    static func removeEntities(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var nextSemicolon = [Int](repeating: scalars.count, count: scalars.count + 1)
        var nextNewline = [Int](repeating: scalars.count, count: scalars.count + 1)
        for i in stride(from: scalars.count - 1, through: 0, by: -1) {
            nextSemicolon[i] = scalars[i] == ";" ? i : nextSemicolon[i + 1]
            nextNewline[i] = scalars[i] == "\n" ? i : nextNewline[i + 1]
        }
        var output = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", i + 2 < scalars.count {
                let end = nextSemicolon[i + 2]
                if end < scalars.count && nextNewline[i + 1] > end - 1 {
                    i = end + 1
                    continue
                }
            }
            output.append(scalars[i])
            i += 1
        }
        return String(output)
    }

    /// PHP `trim()` on a string (space, tab, newlines, NUL, vertical tab).
    public static func trimmed(_ text: String) -> String {
        String(decoding: PHPString.trim(Array(text.utf8)), as: UTF8.self)
    }

    /// `preg_replace('|\s+|', ' ', $s)` (PCRE `\s`: space, `\t`, `\n`, `\v`, `\f`, `\r`).
    static func collapseWhitespace(_ text: String) -> String {
        var output = ""
        var inRun = false
        for scalar in text.unicodeScalars {
            if [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"].contains(scalar) {
                if !inRun { output.append(" ") }
                inRun = true
            } else {
                output.unicodeScalars.append(scalar)
                inRun = false
            }
        }
        return output
    }
}
