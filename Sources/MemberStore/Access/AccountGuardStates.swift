import WordPressCompat

/// What WordPress and its security plugins store about an account that decides whether PressGate
/// may start a session for it: the account's capabilities and the site's roles, and the two-factor
/// state of the Two Factor plugin (and Solid Security, which keeps the same keys), WP 2FA and
/// Wordfence Login Security. Read fresh for every session PressGate starts or link it mints.
public struct AccountGuardState: Sendable {
    /// `<prefix>capabilities` user meta (serialized).
    public var capabilities: [UInt8]?
    /// `<prefix>user_roles` option (serialized).
    public var rolesOption: [UInt8]?
    public var twoFactor: TwoFactorPlugin.StoredState
    /// WP 2FA's `wp_2fa_enabled_methods` and `wp_2fa_is_locked`.
    public var wp2faMethod: [UInt8]?
    public var wp2faLocked: [UInt8]?
    /// A row for the account in Wordfence's `wfls_2fa_secrets` (false when the table does not exist).
    public var wordfenceSecret: Bool

    public init(
        capabilities: [UInt8]? = nil, rolesOption: [UInt8]? = nil, twoFactor: TwoFactorPlugin.StoredState = .init(),
        wp2faMethod: [UInt8]? = nil, wp2faLocked: [UInt8]? = nil, wordfenceSecret: Bool = false
    ) {
        self.capabilities = capabilities
        self.rolesOption = rolesOption
        self.twoFactor = twoFactor
        self.wp2faMethod = wp2faMethod
        self.wp2faLocked = wp2faLocked
        self.wordfenceSecret = wordfenceSecret
    }
}

/// Reads ``AccountGuardState`` in one round trip (the member's meta and the two options, one
/// UNION), plus Wordfence's table on sites that have it. Whether that table exists is looked up at
/// most once a minute per connection, so a site without Wordfence pays no query for it.
public struct AccountGuardStates {
    let database: Database
    let tables: TableNames
    let metaAndOptions: SQL
    let wordfence: SQL
    let wordfenceTable: SQL
    let wordfencePresence = WordfencePresence()
    let rolesOptionName: String
    let capabilitiesKey: String

    public init(database: Database, tables: TableNames) {
        self.database = database
        self.tables = tables
        capabilitiesKey = tables.prefix + "capabilities"
        rolesOptionName = tables.prefix + "user_roles"
        // get_user_meta($id, $key, true) reads the first row of a key (lowest umeta_id); options sort
        // after every meta row (their umeta_id stands in as the largest value).
        metaAndOptions = SQL(
            """
            SELECT 'meta' AS source, meta_key, meta_value, umeta_id AS position FROM {usermeta}
            WHERE user_id = ? AND meta_key IN (?, ?, ?, ?, ?, ?, ?)
            UNION ALL
            SELECT 'option', option_name, option_value, 18446744073709551615 FROM {options} WHERE option_name IN (?, ?)
            ORDER BY position
            """, tables: tables)
        wordfenceTable = SQL(
            "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", tables: tables
        )
        // Wordfence names its table with $wpdb->base_prefix: the table prefix on a single site.
        wordfence = SQL(
            "SELECT 1 FROM `\(tables.prefix)\(OtherTwoFactorPlugins.wordfenceSecretsTable)` WHERE user_id = ? LIMIT 1",
            tables: tables)
    }

    public func state(memberID: UInt64) throws(DatabaseError) -> AccountGuardState {
        let keys = [
            capabilitiesKey, TwoFactorPlugin.enabledProvidersMetaKey, TwoFactorPlugin.totpKeyMetaKey,
            TwoFactorPlugin.backupCodesMetaKey, OtherTwoFactorPlugins.wp2faMethodMetaKey,
            OtherTwoFactorPlugins.wp2faLockedMetaKey, TwoFactorPlugin.primaryProviderMetaKey,
        ]
        var values: [String: [UInt8]] = [:]
        var optionValues: [String: [UInt8]] = [:]
        let parameters: [DatabaseValue] =
            [.int(memberID)] + keys.map { .text($0) } + [
                .text(rolesOptionName), .text(TwoFactorPlugin.siteProvidersOption),
            ]
        for row in try database.run(metaAndOptions, parameters, idempotent: true).rows {
            guard let key = row.string(1) else { continue }
            if row.string(0) == "option" {
                optionValues[key] = row[2] ?? []
            } else if values[key] == nil {
                values[key] = row[2] ?? []
            }
        }
        return AccountGuardState(
            capabilities: values[capabilitiesKey], rolesOption: optionValues[rolesOptionName],
            twoFactor: TwoFactorPlugin.StoredState(
                enabledProviders: values[TwoFactorPlugin.enabledProvidersMetaKey],
                totpKey: values[TwoFactorPlugin.totpKeyMetaKey],
                backupCodes: values[TwoFactorPlugin.backupCodesMetaKey],
                siteProviders: optionValues[TwoFactorPlugin.siteProvidersOption],
                primary: values[TwoFactorPlugin.primaryProviderMetaKey]),
            wp2faMethod: values[OtherTwoFactorPlugins.wp2faMethodMetaKey],
            wp2faLocked: values[OtherTwoFactorPlugins.wp2faLockedMetaKey],
            wordfenceSecret: try hasWordfenceSecret(memberID: memberID))
    }

    /// True when Wordfence keeps a 2FA secret for the member; a site without Wordfence has no table.
    func hasWordfenceSecret(memberID: UInt64) throws(DatabaseError) -> Bool {
        let now = UTCTime.now()
        if wordfencePresence.checkedAt == nil || now - (wordfencePresence.checkedAt ?? 0) >= 60 {
            let table = tables.prefix + OtherTwoFactorPlugins.wordfenceSecretsTable
            wordfencePresence.exists = try !database.run(wordfenceTable, [.text(table)], idempotent: true).rows.isEmpty
            wordfencePresence.checkedAt = now
        }
        guard wordfencePresence.exists else { return false }
        do {
            return try !database.run(wordfence, [.int(memberID)], idempotent: true).rows.isEmpty
        } catch  where error.code == DatabaseError.noSuchTable {
            wordfencePresence.exists = false
            return false
        }
    }
}

/// Whether Wordfence's table exists, as last seen by one connection's owner (one thread: no lock).
final class WordfencePresence {
    var checkedAt: Int?
    var exists = false
}
