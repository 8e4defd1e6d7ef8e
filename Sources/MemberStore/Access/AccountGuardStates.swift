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

/// Reads ``AccountGuardState`` in three point queries (user meta, options, Wordfence's table).
public struct AccountGuardStates {
    let database: Database
    let tables: TableNames
    let meta: SQL
    let options: SQL
    let wordfence: SQL
    let rolesOptionName: String
    let capabilitiesKey: String

    public init(database: Database, tables: TableNames) {
        self.database = database
        self.tables = tables
        capabilitiesKey = tables.prefix + "capabilities"
        rolesOptionName = tables.prefix + "user_roles"
        // get_user_meta($id, $key, true) reads the first row of a key (lowest umeta_id).
        meta = SQL(
            "SELECT meta_key, meta_value FROM {usermeta} WHERE user_id = ? AND meta_key IN (?, ?, ?, ?, ?, ?, ?) "
                + "ORDER BY umeta_id", tables: tables)
        options = SQL("SELECT option_name, option_value FROM {options} WHERE option_name IN (?, ?)", tables: tables)
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
        let rows = try database.run(meta, [.int(memberID)] + keys.map { .text($0) }, idempotent: true).rows
        for row in rows {
            guard let key = row.string(0), values[key] == nil else { continue }
            values[key] = row[1] ?? []
        }
        var optionValues: [String: [UInt8]] = [:]
        let optionRows = try database.run(
            options, [.text(rolesOptionName), .text(TwoFactorPlugin.siteProvidersOption)], idempotent: true
        ).rows
        for row in optionRows { if let name = row.string(0) { optionValues[name] = row[1] ?? [] } }
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
        do {
            return try !database.run(wordfence, [.int(memberID)], idempotent: true).rows.isEmpty
        } catch  where error.code == DatabaseError.noSuchTable {
            return false
        }
    }
}
