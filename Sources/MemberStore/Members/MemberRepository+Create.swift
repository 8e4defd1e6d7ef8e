import WordPressCompat

extension MemberRepository {
    /// Creates a member as `wp_insert_user` does for a new user of `role`, or returns the member
    /// who already has this e-mail.
    ///
    /// WordPress has no UNIQUE index on login or e-mail, so concurrent creations are serialised by
    /// claiming the e-mail and the login in `pressgate_member_claims` (a UNIQUE key under WordPress's
    /// collation) in the same transaction as the `wp_users` insert: a concurrent creation of the same
    /// e-mail waits on the key, then finds the first member. Never check-then-insert alone.
    public func create(_ new: NewMember, options: SiteOptions, now: Int) throws -> MemberCreation {
        let valid = try validate(new, options: options)
        do {
            let member = try database.transaction { transaction in
                try insertMember(valid, now: now, in: transaction)
            }
            if let member { return .created(member) }
        } catch let error as DatabaseError where error.kind == .duplicateKey {
            // Another creation claimed this e-mail first and has committed: fall through to it.
        }
        guard let existing = try find(email: valid.email) else { throw MemberStoreError.memberNotFound }
        return .existing(existing)
    }

    /// ``create(_:options:now:)`` as one step of a larger transaction (a purchase): the member with
    /// this e-mail, or a new one. A concurrent creation of the same e-mail waits on the claim and
    /// then reads the committed member with a locking read.
    ///
    /// A buyer's name or wished-for login is never a reason to lose the purchase: names are
    /// sanitized as `wp_insert_user` sanitizes them (``WordPressText/sanitizedName(_:)``), and a
    /// login that is empty after `sanitize_user`, too long or taken gives way to one derived from
    /// the e-mail. Only the e-mail and the role can refuse.
    public func findOrCreate(
        _ new: NewMember, options: SiteOptions, now: Int, in transaction: Transaction
    ) throws -> MemberCreation {
        let valid = try validate(new, options: options, lenient: true)
        if let member = try insertMember(valid, now: now, in: transaction) { return .created(member) }
        if let row = try transaction.run(sql.userByEmailLocking, [.text(valid.email)]).first {
            return .existing(Member(row: row))
        }
        // The transaction's snapshot still showed a member with this e-mail whom the locking read
        // no longer finds (deleted, or the address changed, meanwhile): create one after all.
        if let member = try insertMember(valid, now: now, checkingSnapshot: false, in: transaction) {
            return .created(member)
        }
        throw MemberStoreError.memberNotFound
    }

    struct ValidatedMember {
        let email: String, login: String?, firstName: String, lastName: String, passwordHash: String, role: String,
            level: Int
        /// The login was wished for (a purchase): when taken, one derived from the e-mail is used.
        let loginIsWish: Bool
    }

    /// `lenient` (purchases): names sanitized instead of refused, a login that cannot be used
    /// dropped (the e-mail then gives one) instead of refused.
    private func validate(_ new: NewMember, options: SiteOptions, lenient: Bool = false) throws -> ValidatedMember {
        let email = WordPressUsername.trimmed(new.email)
        guard WordPressText.isEmail(email) else { throw MemberStoreError.invalidEmail }
        var firstName = WordPressText.sanitizedName(new.firstName)
        var lastName = WordPressText.sanitizedName(new.lastName)
        if !lenient {
            do {
                firstName = try WordPressText.name(new.firstName, field: "first name")
                lastName = try WordPressText.name(new.lastName, field: "last name")
            } catch {
                throw MemberStoreError.invalidName(error.description)
            }
        }
        guard let level = try options.userLevel(role: new.role, tables: tables) else {
            throw MemberStoreError.unknownRole(new.role)
        }
        let requestedLogin = new.login.flatMap(Self.usableLogin)
        if new.login != nil, requestedLogin == nil, !lenient { throw MemberStoreError.invalidLogin }
        return ValidatedMember(
            email: email, login: requestedLogin, firstName: firstName, lastName: lastName,
            passwordHash: new.passwordHash, role: new.role, level: level, loginIsWish: lenient)
    }

    /// `sanitize_user($login, true)` when WordPress would accept the result as a new login (not
    /// empty, at most 60 characters, a nicename that is not empty), else nil.
    static func usableLogin(_ login: String) -> String? {
        guard login.utf8.count <= 1024 else { return nil }
        let sanitized = WordPressUsername.sanitize(login, strict: true)
        guard !sanitized.isEmpty, sanitized.count <= WordPressUsername.maximumLoginLength,
            !WordPressUsername.nicename(forLogin: sanitized).isEmpty
        else { return nil }
        return sanitized
    }

    /// The transaction's body: nil when the e-mail already belongs to a member.
    private func insertMember(
        _ new: ValidatedMember, now: Int, checkingSnapshot: Bool = true, in transaction: Transaction
    ) throws -> Member? {
        let (email, requestedLogin, firstName, lastName) = (new.email, new.login, new.firstName, new.lastName)
        let (passwordHash, role, level) = (new.passwordHash, new.role, new.level)
        // A plain (snapshot) read: a locking read of an address nobody has would take a gap lock
        // on the e-mail index, and two purchases of neighbouring new addresses would then
        // deadlock on their inserts. Concurrent PressGate creations of one address are
        // serialised by the claim below; its locking reads see what others committed since.
        if checkingSnapshot, try transaction.run(sql.userByEmail, [.text(email)]).first != nil { return nil }
        let registered = UTCTime.dateTime(now)
        // Claim the e-mail: a concurrent claim of the same address blocks here until the other
        // transaction ends, then meets its row.
        guard try claim(kind: "email", key: email, registered, transaction) else { return nil }

        let login = try claimLogin(
            requested: requestedLogin, orElseDerive: new.loginIsWish, email: email, registered: registered,
            in: transaction)
        let nicename = try uniqueNicename(for: login, in: transaction)
        // WordPress 6.8+ refuses an empty nicename (a login such as "..." has none).
        guard !nicename.isEmpty, !nicename.hasPrefix("-") else { throw MemberStoreError.invalidLogin }
        let displayName = MemberMeta.displayName(login: login, firstName: firstName, lastName: lastName)
        let inserted = try transaction.run(
            sql.insertUser,
            [
                .text(login), .text(passwordHash), .text(nicename), .text(email),
                .text(registered), .text(displayName),
            ])
        let id = inserted.insertID
        let meta = MemberMeta.rows(
            login: login, firstName: firstName, lastName: lastName,
            capabilitiesKey: "\(tables.prefix)capabilities", role: role,
            userLevelKey: "\(tables.prefix)user_level", userLevel: level, versionString: wordpressVersion)
        // One multi-row INSERT: the rows get increasing umeta_ids in this order, as WordPress's
        // one-by-one add_user_meta() calls give them.
        if !meta.isEmpty {
            try transaction.run(
                sql.insertMetaRows(meta.count), meta.flatMap { key, value in [.int(id), .text(key), .bytes(value)] })
        }
        try transaction.run(sql.assignClaims, [.int(id), "email", .text(email)])
        try transaction.run(sql.assignClaims, [.int(id), "login", .text(login)])
        guard let row = try transaction.run(sql.userByID, [.int(id)]).first else {
            throw MemberStoreError.memberNotFound
        }
        return Member(row: row)
    }

    /// The requested login, or (none requested, or taken and `orElseDerive`) one derived from the
    /// e-mail's local part with `2`, `3`, … appended until it is free both in `wp_users` (members
    /// WordPress created) and among PressGate's claims.
    private func claimLogin(
        requested: String?, orElseDerive: Bool, email: String, registered: String, in transaction: Transaction
    ) throws -> String {
        if let requested {
            if try transaction.run(sql.loginTaken, [.text(requested)]).first == nil,
                try claim(kind: "login", key: requested, registered, transaction)
            {
                return requested
            }
            guard orElseDerive else { throw MemberStoreError.loginTaken }
        }
        let localPart = String(email.split(separator: "@").first ?? "")
        var base = String(WordPressUsername.sanitize(localPart, strict: true).prefix(50))
        if WordPressUsername.nicename(forLogin: base).isEmpty { base = "member" }
        for suffix in 1...1000 {
            let suffixText = suffix == 1 ? "" : String(suffix)
            let candidate = String(base.prefix(WordPressUsername.maximumLoginLength - suffixText.count)) + suffixText
            if try transaction.run(sql.loginTaken, [.text(candidate)]).first != nil { continue }
            if try claim(kind: "login", key: candidate, registered, transaction) { return candidate }
        }
        throw MemberStoreError.loginTaken
    }

    /// Claims an e-mail or login; false when a member still holds it. A claim whose member was
    /// deleted in WordPress, or no longer has that e-mail or login, is taken over (the row lock
    /// serialises competing takeovers). The insert leaves an existing claim as it is (0 rows
    /// affected) instead of failing, so no savepoint is needed to keep the transaction usable.
    private func claim(kind: String, key: String, _ registered: String, _ transaction: Transaction) throws -> Bool {
        if try transaction.run(sql.claim, [.text(kind), .text(key), .text(registered)]).affectedRows == 1 {
            return true
        }
        guard let owner = try transaction.run(sql.claimOwner, [.text(kind), .text(key)]).first?.uint(0) else {
            return false
        }
        let stillHeld =
            try transaction.run(kind == "email" ? sql.ownerHasEmail : sql.ownerHasLogin, [.int(owner), .text(key)])
            .first != nil
        if stillHeld { return false }
        try transaction.run(sql.releaseClaim, [.text(registered), .text(kind), .text(key)])
        return true
    }

    /// `user_nicename` with WordPress's `-2`, `-3`, … suffixes.
    private func uniqueNicename(for login: String, in transaction: Transaction) throws -> String {
        let nicename = WordPressUsername.nicename(forLogin: login)
        guard try transaction.run(sql.nicenameTaken, [.text(nicename), .text(login)]).first != nil else {
            return nicename
        }
        for suffix in 2...10_000 {
            let candidate = WordPressUsername.nicename(nicename, suffix: suffix)
            if try transaction.run(sql.nicenameTaken, [.text(candidate), .text(login)]).first == nil {
                return candidate
            }
        }
        throw MemberStoreError.loginTaken
    }
}
