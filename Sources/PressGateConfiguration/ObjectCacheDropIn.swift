import Foundation

/// A persistent object cache (`wp-content/object-cache.php`: Redis Object Cache, WP Redis,
/// Memcached, Object Cache Pro…) keeps WordPress's `users`, `userlogins`, `useremail`, `userslugs`
/// and `user_meta` groups with no expiry. PressGate writes `wp_users` and `wp_usermeta` with SQL
/// alone and does not clear those keys yet, so on such a site WordPress goes on seeing old password
/// hashes, sessions and reset keys: `pressgate check` fails and `serve` warns when one is present.
public struct ObjectCacheDropIn: Sendable, Equatable, CustomStringConvertible {
    public let path: String
    /// The drop-in's name from its header (`Plugin Name:`), or "unknown".
    public let kind: String

    public var description: String { "\(path) (\(kind))" }

    /// The drop-in of the site whose wp-config.php is at `wpConfigPath`, if there is one: in
    /// `WP_CONTENT_DIR` when wp-config.php sets it to a plain string, else in `wp-content/` beside
    /// wp-config.php or beside the WordPress folder one level below it.
    public static func find(wpConfigPath: String) -> ObjectCacheDropIn? {
        let folder = URL(fileURLWithPath: wpConfigPath).deletingLastPathComponent()
        var contentFolders = [folder.appendingPathComponent("wp-content").path]
        if let text = try? String(contentsOfFile: wpConfigPath, encoding: .utf8),
            let configured = PHPConfigScanner.scan(text).constants["WP_CONTENT_DIR"]?.phpString
        {
            contentFolders.insert(configured, at: 0)
        }
        for content in contentFolders {
            let path = content + "/object-cache.php"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            return ObjectCacheDropIn(path: path, kind: kind(of: path))
        }
        return nil
    }

    /// The `Plugin Name:` line of the drop-in's header comment (its first 8 KiB), as WordPress's
    /// `get_file_data()` reads it.
    static func kind(of path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "unreadable" }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 8192)) ?? Data(), as: UTF8.self)
        for line in head.split(whereSeparator: \.isNewline) {
            guard let range = line.range(of: "Plugin Name:", options: .caseInsensitive) else { continue }
            let name = line[range.upperBound...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { return String(name.prefix(100)) }
        }
        return "unknown"
    }
}
