extension PressGateSettings {
    /// Applies `key = value` lines. A line whose first non-blank character is `#` is a comment; a `#`
    /// anywhere else belongs to the value (`smtp_password = a#b` is `a#b`, never silently `a`).
    /// Unknown keys are errors: a typo must not silently leave a default in place.
    mutating func apply(file text: String, source: String) throws(ConfigurationError) {
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingWhitespace()
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.split(separator: "=", maxSplits: 1)
            let location = "\(source):\(number + 1)"
            guard parts.count == 2 else {
                throw .invalidSetting(key: line, source: location, expected: "written as key = value")
            }
            try set(String(parts[0]).trimmingWhitespace(), to: String(parts[1]).trimmingWhitespace(), source: location)
        }
    }

    /// Applies `PRESSGATE_<KEY>` variables for the documented keys.
    mutating func apply(environment: [String: String]) throws(ConfigurationError) {
        for setting in Self.keys {
            let name = "PRESSGATE_" + setting.key.uppercased()
            if Self.secretKeys.contains(setting.key), let path = environment[name + "_FILE"] {
                try setSecret(setting.key, fromFile: path, source: name + "_FILE")
            }
            if let value = environment[name] { try setting.apply(value, to: &self, source: name) }
        }
    }

    /// Parses `value` into the setting `key`, or throws an error naming the key (and never the value).
    mutating func set(_ key: String, to value: String, source: String) throws(ConfigurationError) {
        if let secret = Self.secretKey(forFileKey: key) {
            try setSecret(secret, fromFile: value, source: source)
            return
        }
        guard let setting = Self.keysByName[key] else { throw .unknownSetting(key: key, source: source) }
        try setting.apply(value, to: &self, source: source)
    }
}
