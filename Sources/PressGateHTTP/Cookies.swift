/// Reading the `Cookie` header and writing `Set-Cookie` the way PHP does it for WordPress.
public enum Cookies {
    /// `name=value; name2=value2`; values percent-decoded as PHP decodes `$_COOKIE` (`+` stays `+`).
    /// The first cookie of a name wins; undecodable values are dropped.
    /// Works on the header's UTF-8 bytes (as PHP does): every gate request parses this header, and
    /// character-wise trimming through generic collection wrappers cost more CPU than the rest of
    /// the request decoding together.
    public static func parse(_ header: String) -> [String: String] {
        var cookies: [String: String] = [:]
        let bytes = Array(header.utf8)
        for part in bytes.split(separator: UInt8(ascii: ";")) {
            guard let equals = part.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(decoding: trimmedSpaces(part[..<equals], trailing: false), as: UTF8.self)
            guard !name.isEmpty, cookies[name] == nil,
                let value = percentDecoded(trimmedSpaces(part[(equals + 1)...], trailing: true))
            else { continue }
            cookies[name] = value
        }
        return cookies
    }

    /// Leading spaces (and trailing ones when asked) removed; a split at ASCII bytes keeps UTF-8 whole.
    private static func trimmedSpaces(_ bytes: ArraySlice<UInt8>, trailing: Bool) -> ArraySlice<UInt8> {
        var slice = bytes.drop { $0 == UInt8(ascii: " ") }
        if trailing { while slice.last == UInt8(ascii: " ") { slice.removeLast() } }
        return slice
    }

    /// `Set-Cookie` as `setcookie()` writes it (value `rawurlencode`d) plus HttpOnly, SameSite=Lax
    /// and Secure where asked. `expires` nil makes a browser-session cookie; `now` gives `Max-Age`.
    public static func setCookie(
        name: String, value: String, path: String, expires: Int?, secure: Bool, now: Int
    ) -> String {
        var parts = ["\(name)=\(rawURLEncoded(value))"]
        if let expires {
            parts.append("Expires=\(HTTPDate.format(expires))")
            // No arithmetic on a value that may come from the database: a huge one must not trap.
            parts.append("Max-Age=\(expires > now ? expires &- now : 0)")
        }
        parts.append("Path=\(path)")
        if secure { parts.append("Secure") }
        parts.append("HttpOnly")
        parts.append("SameSite=Lax")
        return parts.joined(separator: "; ")
    }

    /// A cookie that deletes `name` on `path` (what `wp_clear_auth_cookie()` sends).
    public static func expired(name: String, path: String, secure: Bool) -> String {
        "\(name)=deleted; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0; Path=\(path)\(secure ? "; Secure" : ""); HttpOnly; SameSite=Lax"
    }

    /// PHP's `rawurlencode()`: everything but `A-Z a-z 0-9 - _ . ~` as `%XX`.
    /// Built as bytes: a login's cookies are encoded on every login (character-wise String
    /// appends showed up in its profile).
    public static func rawURLEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if PHPSafe.isUnreserved(byte) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), upperHexDigits[Int(byte >> 4)], upperHexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let upperHexDigits = Array("0123456789ABCDEF".utf8)

    static func percentDecoded(_ text: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var iterator = text.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(FormFields.hexValue),
                    let low = iterator.next().flatMap(FormFields.hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard !bytes.contains(0) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }
}

enum PHPSafe {
    static func isUnreserved(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "~")
    }
}
