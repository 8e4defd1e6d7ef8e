import WordPressCompat

public enum SiteOptionsError: Error, CustomStringConvertible {
    case saltUnusable(String)
    public var description: String {
        switch self {
        case .saltUnusable(let name): "the salt option \(name) could not be read or created"
        }
    }
}

/// What the store reads from `<prefix>options`: the site URLs, the default role, the roles and
/// their levels, and the salts WordPress keeps there when wp-config.php does not define them.
public struct SiteOptions {
    let database: Database
    let sql: MemberSQL
    /// The last `user_roles` value read and the levels computed from it: every purchase reads the
    /// option (a role edited in WordPress counts at once), but unserializes it only when it changed.
    private let levels = RoleLevels()

    private final class RoleLevels {
        var stored: String?
        var byRole: [String: Int?] = [:]
    }

    public init(database: Database, tables: TableNames) {
        self.database = database
        self.sql = MemberSQL(tables: tables)
    }

    public func value(_ name: String) throws(DatabaseError) -> String? {
        try database.run(sql.option, [.text(name)], idempotent: true).first?.string(0)
    }

    /// The key of values sealed in the database (``StorageSeal``): from `wp_salt('auth')` and
    /// `wp_salt('nonce')` with wp-config.php's salt constants as they are now.
    public func storageKey(constants: [String: String]) throws -> [UInt8] {
        try StorageSeal.key(salts: try salts(constants: constants, schemes: ["auth", "nonce"]))
    }

    /// The salts for `schemes` (`auth`, `secure_auth`, `logged_in`, `nonce`, …): the wp-config.php
    /// constants, completed with option rows. A missing option is created as `wp_salt()` creates it
    /// (`wp_generate_password(64, true, true)`, autoload `no`); when two processes race, the first
    /// row wins and both read it back.
    public func salts(constants: [String: String], schemes: [String]) throws -> WordPressSalts {
        var options: [String: String] = [:]
        for _ in 0..<16 {
            let salts = WordPressSalts(constants: constants, options: options)
            do {
                for scheme in schemes { _ = try salts.salt(for: scheme) }
                return salts
            } catch {
                let name = error.missingOptionName
                if let stored = try value(name), !PHPString.isEmpty(stored.utf8) {
                    options[name] = stored
                } else {
                    // A missing row is added; an empty or "0" one is replaced, as update_site_option does.
                    let generated = PasswordGenerator(length: 64, alphabet: .extraSpecial).generate()
                    try database.run(sql.addOption, [.text(name), .text(generated)], idempotent: true)
                    guard let stored = try value(name), !PHPString.isEmpty(stored.utf8) else {
                        throw SiteOptionsError.saltUnusable(name)
                    }
                    options[name] = stored
                }
            }
        }
        throw SiteOptionsError.saltUnusable("wp_salt")
    }

    /// `<prefix>user_level` for a role: the highest `level_N` capability the role grants, read from
    /// `<prefix>user_roles` as `WP_User::update_user_level_from_caps()` computes it. Nil for an unknown role.
    public func userLevel(role: String, tables: TableNames) throws -> Int? {
        guard let stored = try value("\(tables.prefix)user_roles") else { return nil }
        if levels.stored != stored {
            levels.stored = stored
            levels.byRole = [:]
        }
        if let known = levels.byRole[role] { return known }
        let level = try Self.userLevel(role: role, stored: stored)
        levels.byRole[role] = level
        return level
    }

    private static func userLevel(role: String, stored: String) throws -> Int? {
        guard case .array(let roles) = try PHPUnserializer.maybeUnserialize(Array(stored.utf8)),
            case .array(let definition)? = roles[role],
            case .array(let capabilities)? = definition["capabilities"]
        else { return nil }
        var level = 0
        for (key, granted) in capabilities.entries {
            guard case .string(let name) = key, granted == .bool(true) else { continue }
            let text = String(decoding: name, as: UTF8.self)
            if text.hasPrefix("level_"), let number = Int(text.dropFirst(6)) { level = max(level, number) }
        }
        return level
    }
}
