#if canImport(Glibc)
import Glibc
#endif

/// Failed-login budgets in MariaDB (`<prefix>pressgate_login_throttle`), shared by every responder.
///
/// Counters per failure, each in a one-hour window:
/// - `account` (the member by id, or the folded name tried when no member has it, so unknown and
///   known accounts behave alike): at most ``Policy/accountFailuresPerHour`` failures; past that
///   only an address that has not failed against this account in the window may still try, and
///   only ``Policy/freshAddressFailuresPerHour`` more times (a botnet's fresh addresses are not an
///   unlimited budget; the member can still reset the password or ask for a login link).
/// - `account_ip` (account and address): a growing delay after a few failures (2, 4, 8 … seconds,
///   capped), so one address cannot hammer one account.
/// - `ip`: at most ``Policy/addressFailuresPerHour`` failures per address (IPv6: per /64),
///   whatever the account; `net`: at most ``Policy/networkFailuresPerHour`` per IPv6 /48 (a /48
///   holds 65,536 /64s).
/// So a member's correct password from a fresh address is not blocked by someone else's failures
/// for longer than the delay of that address pair, until the fresh-address allowance is spent.
///
/// E-mail budgets (reset and login-link requests) use the same counters with ``Budget/mailings(perHour:)``:
/// a hard limit per account, fresh addresses included.
public struct LoginThrottle {
    public struct Policy: Sendable {
        public var window = 3600
        public var accountFailuresPerHour = 100
        /// Failures past ``accountFailuresPerHour`` that fresh addresses may still make.
        public var freshAddressFailuresPerHour = 100
        public var addressFailuresPerHour = 200
        /// Failures per IPv6 /48, whatever the account.
        public var networkFailuresPerHour = 1000
        /// Reset and login-link e-mails per account (``Budget/mailings(perHour:)``).
        public var mailsPerAccountPerHour = 5
        /// Failures of one address against one account before delays start, and the longest delay.
        public var freeFailures = 3
        public var maximumDelay = 900

        public init() {}
    }

    /// What a counter budgets: password (or code) guesses, or e-mails sent to an account.
    public enum Budget: Equatable, Sendable {
        case guesses
        /// At most `perHour` per account whatever the address (no fresh-address allowance: an
        /// e-mail bomb from many addresses is still one member's inbox).
        case mailings(perHour: Int)
    }

    /// Whether an attempt may proceed now; `retryAfter` seconds otherwise.
    public enum Decision: Equatable, Sendable {
        /// `failuresToClear`: failures against this account from this address are on record, so a
        /// successful login has something to clear (``recordSuccess(account:address:)``); when
        /// false, a success writes nothing.
        case allowed(failuresToClear: Bool)
        case refused(retryAfter: Int)
    }

    let database: Database
    let policy: Policy
    let read: SQL
    let upsert: SQL
    let clear: SQL

    public init(database: Database, tables: TableNames, policy: Policy = Policy()) {
        self.database = database
        self.policy = policy
        read = SQL(
            "SELECT scope, subject, UNIX_TIMESTAMP(window_start), failures, UNIX_TIMESTAMP(blocked_until) FROM {pg:login_throttle} "
                + "WHERE (scope, subject) IN ((?, ?), (?, ?), (?, ?), (?, ?))", tables: tables)
        // A failure: start a new window when the old one is over, else count, and compute the delay
        // from the count the row really has now (concurrent failures cannot share one delay).
        // Parameters: scope, subject, now, now, window, now, now, window, now, free, now, free, maximum.
        upsert = SQL(
            """
            INSERT INTO {pg:login_throttle} (scope, subject, window_start, failures, blocked_until)
            VALUES (?, ?, FROM_UNIXTIME(?), 1, FROM_UNIXTIME(?))
            ON DUPLICATE KEY UPDATE
              failures = IF(window_start <= FROM_UNIXTIME(? - ?), 1, failures + 1),
              window_start = IF(window_start <= FROM_UNIXTIME(? - ?), FROM_UNIXTIME(?), window_start),
              blocked_until = IF(failures > ?, FROM_UNIXTIME(? + LEAST(POW(2, LEAST(failures - ?, 20)), ?)), blocked_until)
            """, tables: tables)
        clear = SQL("DELETE FROM {pg:login_throttle} WHERE scope = 'account_ip' AND subject = ?", tables: tables)
    }

    /// What the database holds for one attempt, within the window: failures against the account,
    /// of this address against the account (the pair, with its delay), and of this address.
    public struct Counters: Equatable, Sendable {
        public var account = 0, pair = 0, address = 0
        /// Failures of the address's IPv6 /48 (0 for IPv4).
        public var network = 0
        public var pairBlockedUntil = 0
        public var pairRecorded = false

        public init(
            account: Int = 0, pair: Int = 0, address: Int = 0, network: Int = 0, pairBlockedUntil: Int = 0,
            pairRecorded: Bool = false
        ) {
            self.account = account
            self.pair = pair
            self.address = address
            self.network = network
            self.pairBlockedUntil = pairBlockedUntil
            self.pairRecorded = pairRecorded
        }
    }

    /// The throttle's rule, apart from its SQL: an address (or its /48) over its budget is refused;
    /// an account over its budget is refused to addresses that already failed against it (a fresh
    /// address may still try, so one attacker cannot lock a member out) until the fresh addresses'
    /// allowance is spent too; a pair in its delay waits it out. An e-mail budget is a hard limit.
    public static func decide(_ counters: Counters, policy: Policy, now: Int, budget: Budget = .guesses) -> Decision {
        if counters.address >= policy.addressFailuresPerHour { return .refused(retryAfter: policy.window) }
        if counters.network >= policy.networkFailuresPerHour { return .refused(retryAfter: policy.window) }
        if case .mailings(let perHour) = budget, counters.account >= perHour {
            return .refused(retryAfter: policy.window)
        }
        if counters.account >= policy.accountFailuresPerHour
            && (counters.pair > 0
                || counters.account >= policy.accountFailuresPerHour + policy.freshAddressFailuresPerHour)
        {
            return .refused(retryAfter: policy.window)
        }
        if counters.pairBlockedUntil > now { return .refused(retryAfter: counters.pairBlockedUntil - now) }
        return .allowed(failuresToClear: counters.pairRecorded)
    }

    private func counters(account: String, address: String, now: Int) throws(DatabaseError) -> Counters {
        let rows = try database.run(
            read,
            [
                "account", .text(account), "account_ip", .text(pairKey(account, address)), "ip",
                .text(String(address.prefix(64))), "net", .text(Self.budgetNetwork(address) ?? ""),
            ],
            idempotent: true
        ).rows
        var counters = Counters()
        for row in rows {
            let windowStart = Int(row.int(2) ?? 0)
            let live = windowStart > now - policy.window
            let failures = live ? Int(row.int(3) ?? 0) : 0
            switch row.string(0) {
            case "account": counters.account = failures
            case "account_ip":
                counters.pairRecorded = true
                counters.pair = failures
                counters.pairBlockedUntil = Int(row.int(4) ?? 0)
            case "ip": counters.address = failures
            case "net": counters.network = failures
            default: break
            }
        }
        return counters
    }

    public func check(
        account: String, address rawAddress: String, now: Int, budget: Budget = .guesses
    ) throws(DatabaseError) -> Decision {
        let address = Self.budgetAddress(rawAddress)
        return Self.decide(
            try counters(account: account, address: address, now: now), policy: policy, now: now, budget: budget)
    }

    /// Counts a failure in every window. Only the account-and-address pair gets a delay. `also`
    /// runs in the same transaction (the answer's other writes: one commit whatever the account).
    public func recordFailure(
        account: String, address rawAddress: String, now: Int, also: (Transaction) throws -> Void = { _ in }
    ) throws {
        let address = Self.budgetAddress(rawAddress)
        let never = Int.max / 2
        var windows = [
            ("account", account, false), ("account_ip", pairKey(account, address), true),
            ("ip", String(address.prefix(64)), false),
        ]
        if let network = Self.budgetNetwork(address) { windows.append(("net", network, false)) }
        try database.transaction { transaction in
            for (scope, subject, delays) in windows {
                let free = delays ? policy.freeFailures : never
                try transaction.run(
                    upsert,
                    [
                        .text(scope), .text(subject), .int(now), .int(0),
                        .int(now), .int(policy.window), .int(now), .int(policy.window), .int(now),
                        .int(free), .int(now), .int(free), .int(policy.maximumDelay),
                    ])
            }
            try also(transaction)
        }
    }

    /// A successful login forgets that address's failures against the account.
    public func recordSuccess(account: String, address: String) throws(DatabaseError) {
        try database.run(clear, [.text(pairKey(account, Self.budgetAddress(address)))], idempotent: true)
    }

    /// The address a budget is kept for: IPv4 as it is, IPv6 by its /64 (one subscriber's prefix,
    /// so a single attacker cannot rotate through fresh addresses).
    public static func budgetAddress(_ address: String) -> String {
        guard address.contains(":") else { return String(address.prefix(64)) }
        var bytes = [UInt8](repeating: 0, count: 16)
        guard inet_pton(AF_INET6, address, &bytes) == 1 else { return String(address.prefix(64)) }
        return bytes[0..<8].map { String($0, radix: 16) }.joined(separator: ".") + "::/64"
    }

    /// An IPv6 budget address's /48 (`budgetAddress` form in, nil for IPv4).
    public static func budgetNetwork(_ budgetAddress: String) -> String? {
        guard budgetAddress.hasSuffix("::/64") else { return nil }
        return budgetAddress.split(separator: ".").prefix(6).joined(separator: ".") + "::/48"
    }

    private func pairKey(_ account: String, _ address: String) -> String {
        "\(account)|\(String(String.UnicodeScalarView(address.unicodeScalars.prefix(64))))"
    }
}
