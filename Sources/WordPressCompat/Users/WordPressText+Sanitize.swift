extension WordPressText {
    /// Characters a sanitized name keeps at most, so that `display_name` ("first last",
    /// `varchar(250)`) always fits.
    public static let maximumNameLength = 100

    /// A buyer's first or last name as `wp_insert_user` stores it from slashed input (what a form or
    /// `wp_create_user` passes): the `pre_user_first_name` filters `sanitize_text_field`,
    /// `wp_filter_kses` and `_wp_specialchars`. Never refuses: markup is stripped (a `<` that opens
    /// no tag becomes `&lt;`, a `>` `&gt;`), line breaks and tabs become spaces, `%XX` octets and
    /// control characters go, a bare `&` becomes `&amp;`; backslashes stay, as WordPress keeps them
    /// from slashed input. Then cut to ``maximumNameLength`` characters (never inside an entity).
    public static func sanitizedName(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        // _sanitize_text_fields(): tags, then whitespace, then octets.
        if scalars.contains("<") {
            let stripped = WordPressUsername.stripAllTags(preKsesLessThan(scalars))
            scalars = Array(stripped.replacingScalars("<\n", with: "&lt;\n").unicodeScalars)
        }
        var filtered = PHPWhitespace.collapse(scalars, runsOf: ["\r", "\n", "\t", " "])
        filtered = WordPressUsername.trimmed(filtered)
        let withoutOctets = removingOctets(filtered)
        if withoutOctets != filtered {
            filtered = WordPressUsername.trimmed(
                PHPWhitespace.collapse(Array(withoutOctets.unicodeScalars), runsOf: [" "]))
        }
        // wp_kses(): wp_kses_no_null() drops the other control characters; wp_kses_split() turns a
        // lone `>` into `&gt;`; then `&` as an entity (wp_kses_normalize_entities, _wp_specialchars).
        let kept = filtered.unicodeScalars.filter { !($0.value < 0x20 && $0 != "\r" && $0 != "\n" && $0 != "\t") }
        let closed = String(String.UnicodeScalarView(kept)).replacingScalars(">", with: "&gt;")
        return capped(encodeAmpersands(closed), maximum: maximumNameLength)
    }

    /// `wp_pre_kses_less_than()`: a `<` whose run (up to the next `<` or the end) has no `>` opens
    /// no tag, so the run is escaped (`esc_html`) instead of being stripped as a tag.
    static func preKsesLessThan(_ scalars: [Unicode.Scalar]) -> String {
        var output = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "<" else {
                output.append(scalars[i])
                i += 1
                continue
            }
            var end = i + 1
            while end < scalars.count, scalars[end] != "<", scalars[end] != ">" { end += 1 }
            if end < scalars.count, scalars[end] == ">" {
                output.append(contentsOf: scalars[i...end])
                i = end + 1
            } else {
                output.append(contentsOf: escapedHTML(scalars[i..<end]).unicodeScalars)
                i = end
            }
        }
        return String(output)
    }

    /// `esc_html()` (`ENT_QUOTES`, existing entities kept).
    private static func escapedHTML(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        let replacements: [Unicode.Scalar: String] = ["<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#039;"]
        var text = ""
        for scalar in scalars {
            if let replacement = replacements[scalar] {
                text += replacement
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return encodeAmpersands(text)
    }

    /// `while (preg_match('/%[a-f0-9]{2}/i', $s, $m)) $s = str_replace($m[0], '', $s);`: removing one
    /// octet can make another (`%%4141`), so it runs until none is left.
    static func removingOctets(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        while let start = scalars.indices.first(where: { isOctet(scalars, at: $0) }) {
            let octet = Array(scalars[start..<start + 3])
            var output: [Unicode.Scalar] = []
            var i = 0
            while i < scalars.count {
                if i + 3 <= scalars.count, Array(scalars[i..<i + 3]) == octet {
                    i += 3
                } else {
                    output.append(scalars[i])
                    i += 1
                }
            }
            scalars = output
        }
        return String(String.UnicodeScalarView(scalars))
    }

    private static func isOctet(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        scalars[i] == "%" && i + 2 < scalars.count && scalars[i + 1].properties.isASCIIHexDigit
            && scalars[i + 2].properties.isASCIIHexDigit
    }

    /// At most `maximum` characters, cut before an entity the limit would split.
    static func capped(_ text: String, maximum: Int) -> String {
        guard text.count > maximum else { return text }
        var cut = Array(text.prefix(maximum))
        if let amp = cut.lastIndex(of: "&"), !cut[amp...].contains(";") { cut.removeSubrange(amp...) }
        return WordPressUsername.trimmed(String(cut))
    }
}

/// PCRE whitespace collapsing as WordPress's formatting functions write it (`preg_replace`).
enum PHPWhitespace {
    /// Each run of the given scalars becomes one space.
    static func collapse(_ scalars: [Unicode.Scalar], runsOf members: Set<Unicode.Scalar>) -> String {
        var output = String.UnicodeScalarView()
        var inRun = false
        for scalar in scalars {
            if members.contains(scalar) {
                if !inRun { output.append(" ") }
                inRun = true
            } else {
                output.append(scalar)
                inRun = false
            }
        }
        return String(output)
    }
}

extension String {
    /// Every occurrence of `target` (compared by scalars, not by grapheme) replaced.
    func replacingScalars(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.unicodeScalars)
        let scalars = Array(unicodeScalars)
        var output = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if i + pattern.count <= scalars.count, Array(scalars[i..<i + pattern.count]) == pattern {
                output.append(contentsOf: replacement.unicodeScalars)
                i += pattern.count
            } else {
                output.append(scalars[i])
                i += 1
            }
        }
        return String(output)
    }
}
