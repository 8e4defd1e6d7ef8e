/// The `<prefix>capabilities` user-meta value: `a:1:{s:10:"subscriber";b:1;}` for one role.
public enum Capabilities {
    /// The value `WP_User::set_role($role)` stores.
    public static func storedValue(role: String) -> [UInt8] {
        PHPSerializer.serialize(.array(PHPArray([(PHPArrayKey(role), .bool(true))])))
    }

    /// The roles a stored value grants (keys whose value is truthy), or nil when it is not a map.
    public static func roles(storedValue: [UInt8]) -> [String]? {
        guard case .array(let map) = try? PHPUnserializer.unserialize(storedValue) else { return nil }
        return map.entries.compactMap { entry in
            guard entry.value == .bool(true), case .string(let name) = entry.key else { return nil }
            return String(decoding: name, as: UTF8.self)
        }
    }
}
