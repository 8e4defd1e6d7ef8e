import Foundation

/// The fields of a POST body (`application/x-www-form-urlencoded` or JSON) or a query string.
/// Every value must be valid UTF-8 without NUL bytes; anything else is a clear 400.
public struct FormFields: Sendable {
    public private(set) var values: [String: String] = [:]

    public subscript(name: String) -> String? { values[name] }

    public init(_ values: [String: String]) { self.values = values }

    /// Parses the request body by its content type.
    public static func body(of request: HTTPRequest) throws(HTTPError) -> FormFields {
        let type =
            request.contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            ?? ""
        switch type {
        case "application/x-www-form-urlencoded", "":
            return try urlEncoded(request.body)
        case "application/json":
            return try json(request.body)
        default:
            throw HTTPError(415, message: "send application/x-www-form-urlencoded or application/json")
        }
    }

    /// Query parameters (`QUERY_STRING`), keeping only the pairs that decode cleanly: a stray
    /// malformed parameter (a tracker's) must not make the whole page a 400.
    public static func lenientQuery(_ text: String) -> [String: String] {
        var query: [String: String] = [:]
        for pair in text.utf8.split(separator: UInt8(ascii: "&")) {
            if let fields = try? urlEncoded(Array(pair)) {
                for (name, value) in fields.values where query[name] == nil { query[name] = value }
            }
        }
        return query
    }

    /// `a=1&b=%20x+y`: `+` is a space, `%XX` an octet; the first occurrence of a name wins.
    public static func urlEncoded(_ bytes: [UInt8]) throws(HTTPError) -> FormFields {
        var fields = FormFields([:])
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decodeComponent(parts[0])
            let value = parts.count > 1 ? try decodeComponent(parts[1]) : ""
            if fields.values[name] == nil { fields.values[name] = value }
        }
        return fields
    }

    public static func json(_ bytes: [UInt8]) throws(HTTPError) -> FormFields {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw HTTPError(400, message: "the body is not a JSON object")
        }
        var fields = FormFields([:])
        for (name, value) in object {
            switch value {
            case let text as String:
                guard !text.unicodeScalars.contains("\u{0}") else {
                    throw HTTPError(400, message: "field \(name) contains a NUL byte")
                }
                fields.values[name] = text
            case let number as NSNumber:
                fields.values[name] = number.stringValue
            default:
                throw HTTPError(400, message: "field \(name) must be a string")
            }
        }
        return fields
    }

    /// Percent-decodes one name or value; malformed escapes, invalid UTF-8 and NUL are refused.
    static func decodeComponent(_ bytes: some Collection<UInt8>) throws(HTTPError) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = Array(bytes).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): output.append(0x20)
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw HTTPError(400, message: "malformed percent-encoding in the form")
                }
                output.append(high << 4 | low)
            default: output.append(byte)
            }
        }
        guard !output.contains(0) else { throw HTTPError(400, message: "a form field contains a NUL byte") }
        guard let text = String(validating: output, as: UTF8.self) else {
            throw HTTPError(400, message: "a form field is not valid UTF-8")
        }
        return text
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
