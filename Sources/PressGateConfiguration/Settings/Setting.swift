/// One documented setting: its key, its default as the README shows it, its meaning, and how a
/// value is parsed into its field of ``PressGateSettings``.
public struct Setting: Sendable {
    public let key: String
    /// The field's default, formatted as it would be written (or a note such as "(none: hook disabled)").
    public let defaultValue: String
    /// One line: what the setting does.
    public let meaning: String
    /// What a value must look like, for the error that refuses one.
    let expected: String
    private let assign: @Sendable (inout PressGateSettings, String) -> Bool

    /// A setting whose field always has a value.
    init<Value>(
        _ key: String, _ field: WritableKeyPath<PressGateSettings, Value> & Sendable,
        _ parser: SettingParser<Value>, shownDefault: String? = nil, _ meaning: String
    ) {
        self.key = key
        self.meaning = meaning
        expected = parser.expected
        defaultValue = shownDefault ?? parser.format(PressGateSettings()[keyPath: field])
        assign = { settings, text in
            guard let value = parser.parse(text) else { return false }
            settings[keyPath: field] = value
            return true
        }
    }

    /// A setting whose field is nil unless set; `none` says what nil means.
    init<Value>(
        _ key: String, _ field: WritableKeyPath<PressGateSettings, Value?> & Sendable,
        _ parser: SettingParser<Value>, none: String, _ meaning: String
    ) {
        self.key = key
        self.meaning = meaning
        expected = parser.expected
        defaultValue = PressGateSettings()[keyPath: field].map(parser.format) ?? none
        assign = { settings, text in
            guard let value = parser.parse(text) else { return false }
            settings[keyPath: field] = value
            return true
        }
    }

    /// Parses `text` into its field, or throws the error that names the key and what it must be.
    func apply(_ text: String, to settings: inout PressGateSettings, source: String) throws(ConfigurationError) {
        guard assign(&settings, text) else { throw .invalidSetting(key: key, source: source, expected: expected) }
    }
}

/// Turns a setting's text into its type (nil: refused), and a value back into text (for the
/// documented default).
struct SettingParser<Value>: Sendable {
    let expected: String
    let parse: @Sendable (String) -> Value?
    let format: @Sendable (Value) -> String
}

extension SettingParser where Value == Int {
    static func integer(_ range: ClosedRange<Int>) -> Self {
        Self(
            expected: "a whole number from \(range.lowerBound) to \(range.upperBound)",
            parse: { Int($0).flatMap { range.contains($0) ? $0 : nil } }, format: { String($0) })
    }
}

extension SettingParser where Value == String {
    /// Any text that passes `isValid`.
    static func text(_ expected: String, _ isValid: @escaping @Sendable (String) -> Bool) -> Self {
        Self(expected: expected, parse: { isValid($0) ? $0 : nil }, format: { $0 })
    }

    /// Any text at all.
    static var anything: Self { text("any text") { _ in true } }

    static var absolutePath: Self { text("an absolute path") { $0.hasPrefix("/") } }
}

extension SettingParser where Value == Bool {
    static var boolean: Self {
        Self(
            expected: "true or false", parse: { ["true": true, "false": false][$0] }, format: { $0 ? "true" : "false" })
    }
}

extension SettingParser where Value == [String] {
    /// Words separated by commas or spaces.
    static var list: Self {
        Self(
            expected: "words separated by commas or spaces", parse: { SettingParsers.words($0) },
            format: { $0.joined(separator: ",") })
    }
}

extension SettingParser where Value == [String: String] {
    /// `value=slug` pairs separated by commas (or spaces).
    static var productMap: Self {
        Self(
            expected: "value=slug pairs separated by commas", parse: SettingParsers.pairs,
            format: { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") })
    }
}

extension SettingParser where Value == [String: Int] {
    /// `slug=term` pairs, a term being a count of days, hours or minutes (`365d`, `12h`, `30m`).
    static var productTerms: Self {
        Self(
            expected: "product=term pairs such as course-101=365d, trial=14d (d, h or m; at most 100 years)",
            parse: { value in
                guard let pairs = SettingParsers.pairs(value) else { return nil }
                var terms: [String: Int] = [:]
                for (product, term) in pairs {
                    guard let seconds = SettingParsers.duration(term) else { return nil }
                    terms[product] = seconds
                }
                return terms
            },
            format: { terms in
                terms.sorted { $0.key < $1.key }.map { "\($0.key)=\(SettingParsers.durationText($0.value))" }
                    .joined(separator: ",")
            })
    }
}

extension SettingParser where Value: RawRepresentable & CaseIterable & Sendable, Value.RawValue == String {
    /// One of an enum's raw values.
    static var choice: Self {
        let names = Value.allCases.map(\.rawValue)
        let expected =
            names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
        return Self(expected: expected, parse: { Value(rawValue: $0) }, format: { $0.rawValue })
    }
}

enum SettingParsers {
    static func words(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    static let durationUnits: [(Character, Int)] = [("d", 86_400), ("h", 3600), ("m", 60)]

    /// `365d`, `12h`, `30m` in seconds: at least a minute, at most 100 years.
    static func duration(_ text: String) -> Int? {
        guard let unit = text.last, let seconds = durationUnits.first(where: { $0.0 == unit })?.1,
            let count = Int(text.dropLast()), count > 0, count <= 36_500 * 86_400 / seconds
        else { return nil }
        return count * seconds
    }

    static func durationText(_ seconds: Int) -> String {
        let (unit, size) = durationUnits.first { seconds % $0.1 == 0 } ?? ("m", 60)
        return "\(seconds / size)\(unit)"
    }

    static func pairs(_ value: String) -> [String: String]? {
        var result: [String: String] = [:]
        for pair in words(value) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
            result[String(parts[0])] = String(parts[1])
        }
        return result
    }
}

extension PressGateSettings {
    /// A term as `product_terms` writes it (`365d`, `12h`, `30m`) in seconds; nil when malformed.
    public static func termSeconds(_ text: String) -> Int? { SettingParsers.duration(text) }
}
