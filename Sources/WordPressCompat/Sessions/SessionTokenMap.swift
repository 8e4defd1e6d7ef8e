/// The `session_tokens` user-meta value: a PHP-serialized map from verifier to session, handled
/// as `WP_User_Meta_Session_Tokens` does (read, filter, modify, write the whole map back).
public struct SessionTokenMap: Equatable, Sendable {
    /// Live sessions by verifier, in stored order.
    public private(set) var sessions: [(verifier: String, session: WordPressSession)] = []
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
        let decoded: PHPValue
        do {
            decoded = try PHPUnserializer.maybeUnserialize(storedValue)
        } catch {
            readProblem = error
            return
        }
        readProblem = nil
        guard case .array(let array) = decoded else { return }
        for (key, value) in array.entries {
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
    }

    /// The `meta_value` to write, or nil when the map is empty (WordPress then deletes the row).
    ///
    /// `update_metadata()` runs `wp_unslash()` over the value it stores, so every string in the map
    /// loses its backslashes on each write (`Mozilla\5.0` is stored as `Mozilla5.0`); PressGate
    /// writes the same bytes.
    public func storedValue() -> [UInt8]? {
        guard !sessions.isEmpty else { return nil }
        let map = PHPArray(sessions.map { (PHPArrayKey($0.verifier), Self.unslashed(.array($0.session.fields))) })
        return PHPSerializer.serialize(.array(map))
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
    }
}
