import WordPressCompat

/// The user-meta rows `wp_insert_user` writes for a new member, in WordPress's order (reference §7.2).
enum MemberMeta {
    /// `versionString` is the site's full WordPress version: `admin_color` became `modern` in 7.0 and
    /// `infinite_scrolling` appeared in 7.1.
    static func rows(
        login: String, firstName: String, lastName: String, capabilitiesKey: String, role: String,
        userLevelKey: String, userLevel: Int, versionString: String
    ) -> [(String, [UInt8])] {
        let version = versionString.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        let major = version.first ?? 0
        let minor = version.count > 1 ? version[1] : 0
        var rows: [(String, String)] = [
            ("nickname", login),
            ("first_name", firstName),
            ("last_name", lastName),
            ("description", ""),
            ("rich_editing", "true"),
            ("syntax_highlighting", "true"),
        ]
        if (major, minor) >= (7, 1) { rows.append(("infinite_scrolling", "true")) }
        rows += [
            ("comment_shortcuts", "false"),
            ("admin_color", major >= 7 ? "modern" : "fresh"),
            ("use_ssl", "0"),
            ("show_admin_bar_front", "true"),
            ("locale", ""),
        ]
        var bytes = rows.map { ($0.0, Array($0.1.utf8)) }
        bytes.append((capabilitiesKey, Capabilities.storedValue(role: role)))
        bytes.append((userLevelKey, Array(String(userLevel).utf8)))
        return bytes
    }

    /// `display_name`: the given names joined, else the login (`wp_insert_user`).
    static func displayName(login: String, firstName: String, lastName: String) -> String {
        switch (firstName.isEmpty, lastName.isEmpty) {
        case (false, false): "\(firstName) \(lastName)"
        case (false, true): firstName
        case (true, false): lastName
        case (true, true): login
        }
    }
}
