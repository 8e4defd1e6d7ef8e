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
        var text = removeAccents(stripAllTags(username))
        text = removeOctets(text)
        text = removeEntities(text)
        if strict {
            text = String(String.UnicodeScalarView(text.unicodeScalars.filter(isStrictLoginScalar)))
        }
        return collapseWhitespace(trimmed(text))
    }

    /// Mirrors `remove_accents()` for the default locale, from WordPress's own table (`AccentTable.swift`).
    public static func removeAccents(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            if let replacement = removeAccentsTable[scalar] { output += replacement } else { output.unicodeScalars.append(scalar) }
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
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || " _.-@".unicodeScalars.contains(scalar))
    }

    /// `wp_strip_all_tags()`: `<script>`/`<style>` elements with their content, then every tag
    /// (an unclosed `<` drops the rest, as PHP's `strip_tags`), then `trim`.
    static func stripAllTags(_ text: String) -> String {
        let characters = Array(text)
        let lowered = characters.map { Character($0.lowercased()) }
        var output = ""
        var i = 0
        while i < characters.count {
            guard characters[i] == "<" else {
                output.append(characters[i]); i += 1
                continue
            }
            if let end = elementEnd(in: lowered, from: i) {
                i = end
            } else if let close = characters[i...].firstIndex(of: ">") {
                i = close + 1
            } else {
                break
            }
        }
        return trimmed(output)
    }

    /// The index after `</script>` or `</style>` when a `<script…>`/`<style…>` element starts at `start`.
    private static func elementEnd(in lowered: [Character], from start: Int) -> Int? {
        for name in ["script", "style"] {
            let open = Array("<" + name)
            guard lowered.count >= start + open.count, Array(lowered[start..<start + open.count]) == open else { continue }
            let close = Array("</" + name + ">")
            var j = start + open.count
            while j + close.count <= lowered.count {
                if Array(lowered[j..<j + close.count]) == close { return j + close.count }
                j += 1
            }
        }
        return nil
    }

    /// `preg_replace('|%([a-fA-F0-9][a-fA-F0-9])|', '', $s)`.
    static func removeOctets(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "%", i + 2 < scalars.count,
               scalars[i + 1].properties.isASCIIHexDigit, scalars[i + 2].properties.isASCIIHexDigit {
                i += 3
                continue
            }
            output.append(scalars[i])
            i += 1
        }
        return String(output)
    }

    /// `preg_replace('/&.+?;/', '', $s)`: from `&` to the nearest following `;` (at least one character between).
    static func removeEntities(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        var i = 0
        while i < characters.count {
            if characters[i] == "&", i + 2 < characters.count,
               let end = characters[(i + 2)...].firstIndex(of: ";"),
               !characters[(i + 1)..<end].contains("\n") {
                i = end + 1
                continue
            }
            output.append(characters[i])
            i += 1
        }
        return output
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
