/// SQL text as the store writes it: constants with `?` placeholders and table names from the
/// site's validated prefix. Values are always bound, never spliced into the text.
public struct SQL: Sendable, Hashable {
    public let text: String

    /// `template` names tables as `{users}`, `{usermeta}`, `{options}` (WordPress's) and
    /// `{pg:name}` (PressGate's `<prefix>pressgate_name`). The prefix was validated to
    /// `[A-Za-z0-9_]` when the configuration was read, so substituting it is safe.
    public init(_ template: String, tables: TableNames) {
        text = tables.substitute(template)
    }

    /// SQL that needs no table names (transaction control, session settings).
    public init(constant text: String) {
        self.text = text
    }
}

/// The site's table names, from `$table_prefix`.
public struct TableNames: Sendable, Hashable {
    public let prefix: String

    /// Nil unless the prefix is `[A-Za-z0-9_]+`, as WordPress requires ("Invalid table prefix").
    public init?(prefix: String) {
        guard !prefix.isEmpty, prefix.utf8.allSatisfy({ PHPStringBytes.isWordCharacter($0) }) else { return nil }
        self.prefix = prefix
    }

    public var users: String { "\(prefix)users" }
    public var usermeta: String { "\(prefix)usermeta" }
    public var options: String { "\(prefix)options" }
    public func pressgate(_ name: String) -> String { "\(prefix)pressgate_\(name)" }

    func substitute(_ template: String) -> String {
        var text =
            template
            .replacing("{users}", with: "`\(users)`")
            .replacing("{usermeta}", with: "`\(usermeta)`")
            .replacing("{options}", with: "`\(options)`")
        while let range = text.firstRange(of: "{pg:") {
            guard let close = text[range.upperBound...].firstIndex(of: "}") else { break }
            let name = String(text[range.upperBound..<close])
            text.replaceSubrange(range.lowerBound...close, with: "`\(pressgate(name))`")
        }
        return text
    }
}

enum PHPStringBytes {
    static func isWordCharacter(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F
    }
}
