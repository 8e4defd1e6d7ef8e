import WordPressCompat

/// A purchase or revocation, normalised from whichever provider reported it.
public struct PurchaseRecord: Sendable {
    public enum Kind: String, Sendable {
        case purchase, revocation, ignored
    }

    public var provider: String
    /// The provider's idempotency key (`webhook-id`, Stripe's `evt_…`, WooCommerce's delivery id).
    public var eventID: String
    public var eventType: String
    public var kind: Kind
    /// The order (Stripe payment intent or subscription, WooCommerce order id, PressGate's `order`).
    public var orderReference: String
    public var email: String
    public var firstName: String
    public var lastName: String
    public var login: String?
    public var products: [String]
    /// What the buyer's browser can name the thank-you page by (Stripe's checkout session id); nil
    /// when the page is reachable only through the claim link.
    public var browserReference: String?

    public init(provider: String, eventID: String, eventType: String, kind: Kind, orderReference: String, email: String = "",
                firstName: String = "", lastName: String = "", login: String? = nil, products: [String] = [],
                browserReference: String? = nil) {
        self.provider = provider
        self.eventID = eventID
        self.eventType = eventType
        self.kind = kind
        self.orderReference = orderReference
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.login = login
        self.products = products
        self.browserReference = browserReference
    }
}

/// What processing an event did (stored in the ledger and returned to every duplicate delivery).
public struct PurchaseOutcome: Sendable, Equatable {
    public var status: String
    public var memberID: UInt64?
    public var created: Bool
    public var duplicate: Bool

    /// The JSON kept in the ledger: no secret, so a duplicate can be answered from it.
    public var ledgerJSON: String {
        let member = memberID.map(String.init) ?? "null"
        return "{\"status\":\"\(status)\",\"member_id\":\(member),\"created\":\(created)}"
    }

    static func parse(ledger text: String) -> PurchaseOutcome {
        func value(_ key: String) -> Substring? {
            guard let range = text.firstRange(of: "\"\(key)\":") else { return nil }
            return text[range.upperBound...].prefix { $0 != "," && $0 != "}" }
        }
        let status = value("status").map { String($0.filter { $0 != "\"" }) } ?? "processed"
        return PurchaseOutcome(status: status, memberID: value("member_id").flatMap { UInt64($0) },
                               created: value("created") == "true", duplicate: true)
    }
}

/// What a new member's thank-you page and welcome message need; only the caller sees the password.
public struct NewMemberCredentials: Sendable {
    public let password: String
    public let claimToken: String
}

/// Processes purchase events exactly once: the ledger row `(provider, event id)` is inserted in the
/// same transaction as every effect — member, memberships, thank-you claim, outbox rows — so a
/// duplicate delivery (sequential or concurrent) meets the UNIQUE key and gets the first outcome.
public struct PurchaseStore {
    let database: Database
    let tables: TableNames
    let members: MemberRepository
    let options: SiteOptions
    let sql: PurchaseSQL

    public init(database: Database, tables: TableNames, wordpressVersion: String) {
        self.database = database
        self.tables = tables
        members = MemberRepository(database: database, tables: tables, wordpressVersion: wordpressVersion)
        options = SiteOptions(database: database, tables: tables)
        sql = PurchaseSQL(tables: tables)
    }

    /// Everything a purchase needs from the app besides the event: how to make a member's password
    /// hash, the sealed copy of the password for the thank-you page, and the outbox messages.
    public struct Effects {
        public var role: String
        public var claimLifetime: Int
        /// Hash for a generated password (the store never sees how it is made).
        public var hashPassword: (String) throws -> String
        public var sealPassword: (String) throws -> [UInt8]
        /// A new member's set-password key: the key for the e-mail and its `user_activation_key` value.
        public var makeResetKey: () -> (key: String, stored: String)
        /// Outbox rows to queue: (kind, JSON payload), given the member, whether it is new, its claim
        /// token, its set-password key and (new members only) the generated password, which the app
        /// puts into a message only under an explicit opt-in.
        public var messages: (Member, Bool, String?, String?, String?) throws -> [(String, String)]

        public init(role: String, claimLifetime: Int, hashPassword: @escaping (String) throws -> String,
                    sealPassword: @escaping (String) throws -> [UInt8], makeResetKey: @escaping () -> (key: String, stored: String),
                    messages: @escaping (Member, Bool, String?, String?, String?) throws -> [(String, String)]) {
            self.role = role
            self.claimLifetime = claimLifetime
            self.hashPassword = hashPassword
            self.sealPassword = sealPassword
            self.makeResetKey = makeResetKey
            self.messages = messages
        }
    }

    public func process(_ record: PurchaseRecord, effects: Effects, now: Int) throws -> (PurchaseOutcome, NewMemberCredentials?) {
        // The password a new member would get, hashed before the transaction: the hash (≈ 1 ms for
        // phpass, far more for bcrypt) would otherwise hold the transaction's locks, and a retried
        // transaction would pay for it again. Unused when the member exists or the event is a duplicate.
        let generated = record.kind == .purchase ? try GeneratedPassword(hashedBy: effects.hashPassword) : nil
        return try database.transaction { transaction -> (PurchaseOutcome, NewMemberCredentials?) in
            do {
                try transaction.run(sql.insertEvent, [.text(record.provider), .text(record.eventID), .text(String(record.eventType.prefix(64))),
                                                      .text(String(record.orderReference.prefix(191)))])
            } catch let error as DatabaseError where error.kind == .duplicateKey {
                // The first delivery committed (a concurrent one waited for it on the key): its outcome.
                let stored = try transaction.run(sql.eventOutcome, [.text(record.provider), .text(record.eventID)]).first?.string(0) ?? ""
                return (PurchaseOutcome.parse(ledger: stored), nil)
            }
            var outcome = PurchaseOutcome(status: record.kind == .ignored ? "ignored" : "processed", memberID: nil, created: false, duplicate: false)
            var credentials: NewMemberCredentials?
            switch record.kind {
            case .ignored:
                break
            case .purchase:
                if let generated { // made above for every purchase
                    (outcome, credentials) = try purchase(record, password: generated, effects: effects, now: now, in: transaction)
                }
            case .revocation:
                let revoked = try transaction.run(sql.revoke, [.text(record.provider), .text(record.orderReference)])
                outcome.status = revoked.affectedRows > 0 ? "revoked" : "nothing to revoke"
            }
            try transaction.run(sql.finishEvent, [.text(outcome.status == "ignored" ? "ignored" : "processed"),
                                                  outcome.memberID.map { .int($0) } ?? .null, .text(outcome.ledgerJSON),
                                                  .text(record.provider), .text(record.eventID)])
            return (outcome, credentials)
        }
    }

    /// A generated password and its hash.
    struct GeneratedPassword {
        let password: String
        let hash: String

        init(hashedBy hashPassword: (String) throws -> String) throws {
            password = PasswordGenerator().generate()
            hash = try hashPassword(password)
        }
    }

    private func purchase(_ record: PurchaseRecord, password generated: GeneratedPassword, effects: Effects, now: Int,
                          in transaction: Transaction) throws -> (PurchaseOutcome, NewMemberCredentials?) {
        let password = generated.password
        let creation = try members.findOrCreate(
            NewMember(email: record.email, login: record.login, firstName: record.firstName, lastName: record.lastName,
                      passwordHash: generated.hash, role: effects.role),
            options: options, now: now, in: transaction)
        let member = creation.member
        let eventRow = try transaction.run(sql.eventID, [.text(record.provider), .text(record.eventID)]).first?.uint(0)
        for product in record.products {
            try transaction.run(sql.grant, [.int(member.id), .text(product), eventRow.map { .int($0) } ?? .null,
                                            .text(record.provider), .text(String(record.orderReference.prefix(191)))])
        }
        var credentials: NewMemberCredentials?
        var resetKey: String?
        if case .created = creation {
            let reset = effects.makeResetKey()
            try transaction.run(sql.setActivationKey, [.text(reset.stored), .int(member.id)])
            resetKey = reset.key
            let token = Base64.urlSafeNoPadding(SystemRandomBytes.take(32))
            try transaction.run(sql.insertClaim, [.bytes(Array(SessionToken.verifier(for: token).utf8).hexDecoded), .int(member.id),
                                                  .bytes(try effects.sealPassword(password)), .text(record.provider),
                                                  record.browserReference.map { .text(String($0.prefix(191))) } ?? .null,
                                                  .text(UTCTime.dateTime(now)), .text(UTCTime.dateTime(now + effects.claimLifetime))])
            credentials = NewMemberCredentials(password: password, claimToken: token)
        }
        for (kind, payload) in try effects.messages(member, credentials != nil, credentials?.claimToken, resetKey, credentials?.password) {
            try transaction.run(sql.enqueue, [.text(kind), .text(payload)])
        }
        let created: Bool = if case .created = creation { true } else { false }
        return (PurchaseOutcome(status: "processed", memberID: member.id, created: created, duplicate: false), credentials)
    }
}

enum SystemRandomBytes {
    static func take(_ count: Int) -> [UInt8] {
        var random = SystemRandom()
        return random.nextBytes(count)
    }
}

extension Array where Element == UInt8 {
    /// Lowercase or uppercase hex text (as bytes) to the bytes it spells.
    var hexDecoded: [UInt8] {
        func nibble(_ c: UInt8) -> UInt8 { c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10 }
        return stride(from: 0, to: count - 1, by: 2).map { nibble(self[$0]) << 4 | nibble(self[$0 + 1]) }
    }
}
