/// The `session_tokens` user-meta value: a PHP-serialized map from verifier to session, handled
/// as `WP_User_Meta_Session_Tokens` does (read, filter, modify, write the whole map back).
public struct SessionTokenMap: Equatable, Sendable {
    /// Live sessions by verifier, in stored order.
    public private(set) var sessions: [(verifier: String, session: WordPressSession)] = []
    /// Entries PHP can read but PressGate cannot (objects a plugin stored in a session, nesting
    /// past PressGate's limit), kept byte for byte and written back first: a login must not end
    /// (or fail over) a session WordPress still honours. Their expiry cannot be read, so PressGate
    /// never purges them; WordPress does on its next write.
    public private(set) var unreadable: [(key: PHPArrayKey, serialized: [UInt8])] = []
    /// Why the stored value was unusable, when it was (WordPress silently treats it as no sessions).
    public let readProblem: PHPUnserializer.Failure?

    public init() {
        readProblem = nil
    }

    /// Mirrors `get_sessions()` over `get_user_meta()` (which reads through `maybe_unserialize`): a
    /// value that is not a serialized array counts as no sessions, a
    /// legacy integer entry becomes `['expiration' => int]`, and sessions that expired before
    /// `now` are dropped (WordPress purges them on its next write).
    public init(storedValue: [UInt8], now: Int) {
        var entries: [(key: PHPArrayKey, value: PHPValue)] = []
        do {
            guard case .array(let array) = try PHPUnserializer.maybeUnserialize(storedValue) else {
                readProblem = nil
                return
            }
            entries = array.entries
            readProblem = nil
        } catch {
            // Read entry by entry: the ones PressGate cannot read are kept as they are.
            let trimmed = PHPString.trim(storedValue)
            guard PHPUnserializer.isSerialized(storedValue),
                trimmed.count <= PHPUnserializer.Limits().maximumInputBytes,
                let raw = PHPUnserializer.arrayEntries(trimmed)
            else {
                readProblem = error
                return
            }
            readProblem = nil
            for (key, serialized) in raw {
                if let value = try? PHPUnserializer.unserialize(Array(serialized)) {
                    entries.append((key, value))
                } else {
                    unreadable.append((key, Array(serialized)))
                }
            }
        }
        for (key, value) in entries {
            let session: WordPressSession
            switch value {
            case .int(let expiration):
                session = WordPressSession(fields: PHPArray([(PHPArrayKey("expiration"), .int(expiration))]))
            case .array(let fields): session = WordPressSession(fields: fields)
            default: continue
            }
            guard session.isLive(at: now) else { continue }
            let verifier: String =
                switch key {
                case .int(let number): String(number)
                case .string(let bytes): String(decoding: bytes, as: UTF8.self)
                }
            sessions.append((verifier, session))
        }
    }

    public subscript(verifier: String) -> WordPressSession? {
        get { sessions.first { $0.verifier == verifier }?.session }
        set {
            if let index = sessions.firstIndex(where: { $0.verifier == verifier }) {
                if let newValue { sessions[index].session = newValue } else { sessions.remove(at: index) }
            } else if let newValue {
                sessions.append((verifier, newValue))
            }
        }
    }

    /// `WP_Session_Tokens::verify($token)`: the token's session exists and has not expired.
    public func verify(token: String, now: Int) -> Bool {
        self[SessionToken.verifier(for: token)]?.isLive(at: now) ?? false
    }

    /// `destroy_others($token)`: keeps only the session of `token`.
    public mutating func keepOnly(token: String) {
        let verifier = SessionToken.verifier(for: token)
        sessions.removeAll { $0.verifier != verifier }
        unreadable.removeAll()
    }

    /// The `meta_value` to write, or nil when the map is empty (WordPress then deletes the row).
    ///
    /// `update_metadata()` runs `wp_unslash()` over the value it stores, so every string in the map
    /// loses its backslashes on each write (`Mozilla\5.0` is stored as `Mozilla5.0`); PressGate
    /// writes the same bytes.
    public func storedValue() -> [UInt8]? {
        guard !sessions.isEmpty || !unreadable.isEmpty else { return nil }
        let map = PHPArray(sessions.map { (PHPArrayKey($0.verifier), Self.unslashed(.array($0.session.fields))) })
        guard !unreadable.isEmpty else { return PHPSerializer.serialize(.array(map)) }
        var out = Array("a:\(unreadable.count + map.count):{".utf8)
        for (key, serialized) in unreadable {
            out += PHPSerializer.serialize(key) + serialized
        }
        for (key, value) in map.entries {
            out += PHPSerializer.serialize(key) + PHPSerializer.serialize(value)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// `stripslashes_deep()`: string values only; keys are left alone.
    private static func unslashed(_ value: PHPValue) -> PHPValue {
        switch value {
        case .string(let bytes): .string(PHPString.stripslashes(bytes))
        case .array(let array): .array(PHPArray(array.entries.map { ($0.key, unslashed($0.value)) }))
        default: value
        }
    }

    public static func == (lhs: SessionTokenMap, rhs: SessionTokenMap) -> Bool {
        lhs.sessions.count == rhs.sessions.count
            && zip(lhs.sessions, rhs.sessions).allSatisfy { $0.verifier == $1.verifier && $0.session == $1.session }
            && lhs.unreadable.map(\.serialized) == rhs.unreadable.map(\.serialized)
    }
}
