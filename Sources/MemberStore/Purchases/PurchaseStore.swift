import Foundation
import WordPressCompat

/// A purchase or revocation, normalised from whichever provider reported it.
public struct PurchaseRecord: Sendable {
    public enum Kind: String, Sendable {
        case purchase, revocation, ignored
        /// A purchase of something the product maps do not name (yet): recorded as `unmapped`, and
        /// processed again when the provider resends it (after the operator fixed the map).
        case unmapped
        /// A subscription paid again: the order's grants are active until `accessUntil` (plus the
        /// grace period), an expired one included.
        case renewal
        /// A subscription whose payment failed: the order's active grants end after the grace period,
        /// or sooner if their period ends sooner.
        case lapse
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
    /// The end of the access this purchase grants (Unix time), when the event names one; else the
    /// product's configured term applies (``PurchaseStore/Effects/term``), else no end.
    public var accessUntil: Int?

    public init(
        provider: String, eventID: String, eventType: String, kind: Kind, orderReference: String, email: String = "",
        firstName: String = "", lastName: String = "", login: String? = nil, products: [String] = [],
        browserReference: String? = nil
    ) {
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

/// What the purchase's outbox messages are made from.
public struct PurchaseMessageInput {
    public let member: Member
    /// True when the purchase created the member.
    public let created: Bool
    /// The products wait until the member's e-mail is proven: the e-mail asks for that, with
    /// `resetKey`'s set-password link.
    public let pending: Bool
    /// The thank-you page's claim token (new members only).
    public let claimToken: String?
    /// The set-password key for the e-mail's link (new members, and pending purchases).
    public let resetKey: String?
    /// The generated password (new members only), which the app puts into a message only under an
    /// explicit opt-in.
    public let password: String?
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
    let proofs: EmailProofs

    public init(database: Database, tables: TableNames, wordpressVersion: String) {
        self.database = database
        self.tables = tables
        members = MemberRepository(database: database, tables: tables, wordpressVersion: wordpressVersion)
        options = SiteOptions(database: database, tables: tables)
        sql = PurchaseSQL(tables: tables)
        proofs = EmailProofs(tables: tables)
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
        /// Outbox rows to queue: (kind, JSON payload) for what the purchase did.
        public var messages: (PurchaseMessageInput) throws -> [(kind: String, payload: String)]
        /// A product's default term in seconds (`product_terms`), nil for access without end.
        public var term: (String) -> Int? = { _ in nil }
        /// Seconds a subscription's access outlasts its paid period or a failed payment
        /// (`subscription_grace_hours`).
        public var graceSeconds = 0
        /// The sealed payload of a CRM notification of what a revocation or lapse did, or nil for
        /// none (no CRM configured).
        public var notify: (CRMNotification) throws -> String? = { _ in nil }

        public init(
            role: String, claimLifetime: Int, hashPassword: @escaping (String) throws -> String,
            sealPassword: @escaping (String) throws -> [UInt8],
            makeResetKey: @escaping () -> (key: String, stored: String),
            messages: @escaping (PurchaseMessageInput) throws -> [(kind: String, payload: String)]
        ) {
            self.role = role
            self.claimLifetime = claimLifetime
            self.hashPassword = hashPassword
            self.sealPassword = sealPassword
            self.makeResetKey = makeResetKey
            self.messages = messages
        }
    }

    public func process(
        _ record: PurchaseRecord, effects: Effects, now: Int
    ) throws -> (PurchaseOutcome, NewMemberCredentials?) {
        // The password a new member would get, hashed before the transaction: the hash (≈ 1 ms for
        // phpass, far more for bcrypt) would otherwise hold the transaction's locks, and a retried
        // transaction would pay for it again. Unused when the member exists or the event is a duplicate.
        let generated = record.kind == .purchase ? try GeneratedPassword(hashedBy: effects.hashPassword) : nil
        return try once(
            provider: record.provider, eventID: record.eventID, eventType: record.eventType,
            orderReference: record.orderReference
        ) { transaction -> (PurchaseOutcome, NewMemberCredentials?) in
            switch record.kind {
            case .ignored:
                return (PurchaseOutcome(status: .ignored), nil)
            case .unmapped:
                return (PurchaseOutcome(status: .unmapped), nil)
            case .renewal:
                let until = record.accessUntil.map { $0 + effects.graceSeconds } ?? Memberships.forever
                let renewed = try transaction.run(
                    sql.renew,
                    [.text(UTCTime.dateTime(until)), .text(record.provider), .text(record.orderReference)])
                return (PurchaseOutcome(status: renewed.affectedRows > 0 ? .renewed : .nothingToRenew), nil)
            case .lapse:
                try notify(.lapsing, record: record, effects: effects, in: transaction)
                let until = UTCTime.dateTime(now + effects.graceSeconds)
                let lapsed = try transaction.run(
                    sql.lapse, [.text(until), .text(until), .text(record.provider), .text(record.orderReference)])
                return (PurchaseOutcome(status: lapsed.affectedRows > 0 ? .lapsing : .nothingToRenew), nil)
            case .purchase:
                guard let generated else { return (PurchaseOutcome(status: .processed), nil) }  // made above
                return try purchase(record, password: generated, effects: effects, now: now, in: transaction)
            case .revocation:
                try notify(.revoked, record: record, effects: effects, in: transaction)
                let revoked = try transaction.run(sql.revoke, [.text(record.provider), .text(record.orderReference)])
                return (PurchaseOutcome(status: revoked.affectedRows > 0 ? .revoked : .nothingToRevoke), nil)
            }
        }
    }

    /// Runs `body` once per `(provider, event id)`, in one transaction with the ledger row: a
    /// duplicate delivery, sequential or concurrent, meets the UNIQUE key (a concurrent one waits
    /// for the first to commit) and gets the stored outcome with `duplicate` set and no `extra`
    /// (what only the first answer may carry: a claim link, a login link). Purchases and
    /// `POST /hooks/login-link` share it, each with its own `provider`.
    public func once<Extra>(
        provider: String, eventID: String, eventType: String, orderReference: String = "",
        _ body: (Transaction) throws -> (PurchaseOutcome, Extra?)
    ) throws -> (PurchaseOutcome, Extra?) {
        try database.transaction { transaction -> (PurchaseOutcome, Extra?) in
            do {
                try transaction.run(
                    sql.insertEvent,
                    [
                        .text(provider), .text(eventID), .text(String(eventType.prefix(64))),
                        .text(String(orderReference.prefix(191))),
                    ])
            } catch let error as DatabaseError where error.kind == .duplicateKey {
                // The first delivery committed (a concurrent one waited for it on the key): its
                // outcome — unless it was unmapped, which a resend processes afresh.
                let row = try transaction.run(sql.eventOutcome, [.text(provider), .text(eventID)]).first
                guard row?.string("status") == PurchaseOutcome.Status.unmapped.rawValue else {
                    return (PurchaseOutcome.parse(ledger: row?.string("outcome") ?? ""), nil)
                }
                try transaction.run(sql.forgetEvent, [.text(provider), .text(eventID)])
                try transaction.run(
                    sql.insertEvent,
                    [
                        .text(provider), .text(eventID), .text(String(eventType.prefix(64))),
                        .text(String(orderReference.prefix(191))),
                    ])
            }
            let (outcome, extra) = try body(transaction)
            try transaction.run(
                sql.finishEvent,
                [
                    .text(outcome.status.ledgerRowStatus),
                    outcome.memberID.map { .int($0) } ?? .null, .text(outcome.ledgerJSON),
                    .text(provider), .text(eventID),
                ])
            return (outcome, extra)
        }
    }

    /// One CRM notification per member whose grants of the order `event` is about to change
    /// (read, and locked, before the change).
    private func notify(
        _ event: CRMNotification.Event, record: PurchaseRecord, effects: Effects, in transaction: Transaction
    ) throws {
        let rows = try transaction.run(sql.orderGrants, [.text(record.provider), .text(record.orderReference)]).rows
        for notification in CRMNotification.perMember(event, grants: rows) {
            if let payload = try effects.notify(notification) {
                try transaction.run(sql.enqueue, [.text("crm"), .text(payload)])
            }
        }
    }

    /// `pressgate hooks forget`: the ledger row of `(provider, event id)` goes, so a resend of the
    /// event is processed as new (its effects, if it had any, stay). True when there was one.
    public func forget(provider: String, eventID: String) throws(DatabaseError) -> Bool {
        try database.run(sql.forgetEvent, [.text(provider), .text(eventID)]).affectedRows > 0
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

    private func purchase(
        _ record: PurchaseRecord, password generated: GeneratedPassword, effects: Effects, now: Int,
        in transaction: Transaction
    ) throws -> (PurchaseOutcome, NewMemberCredentials?) {
        let password = generated.password
        let creation = try members.findOrCreate(
            NewMember(
                email: record.email, login: record.login, firstName: record.firstName, lastName: record.lastName,
                passwordHash: generated.hash, role: effects.role),
            options: options, now: now, in: transaction)
        let member = creation.member
        let created: Bool = if case .created = creation { true } else { false }
        // A new member's e-mail is unproven (anyone can type it); an unproven member's later
        // purchases wait for the proof. The locking read serialises this with the proof.
        if created {
            try proofs.markUnproven(memberID: member.id, email: member.email, now: now, in: transaction)
        }
        let pending = created ? false : try proofs.isUnproven(memberID: member.id, in: transaction)
        let eventRow = try transaction.run(sql.eventID, [.text(record.provider), .text(record.eventID)]).first?.uint(0)
        for product in record.products {
            let until = record.accessUntil ?? effects.term(product).map { now + $0 }
            try transaction.run(
                pending ? sql.grantPending : sql.grant,
                [
                    .int(member.id), .text(product), eventRow.map { .int($0) } ?? .null,
                    .text(record.provider), .text(String(record.orderReference.prefix(191))),
                    until.map { .text(UTCTime.dateTime($0)) } ?? .null,
                ])
        }
        var credentials: NewMemberCredentials?
        var resetKey: String?
        if created || pending {
            let reset = effects.makeResetKey()
            try transaction.run(sql.setActivationKey, [.text(reset.stored), .int(member.id)])
            resetKey = reset.key
        }
        if created {
            let token = Base64.urlSafeNoPadding(SystemRandomBytes.take(32))
            try transaction.run(
                sql.insertClaim,
                [
                    .bytes(Array(SessionToken.verifier(for: token).utf8).hexDecoded), .int(member.id),
                    .bytes(try effects.sealPassword(password)), .text(record.provider),
                    record.browserReference.map { .text(String($0.prefix(191))) } ?? .null,
                    .text(UTCTime.dateTime(now)), .text(UTCTime.dateTime(now + effects.claimLifetime)),
                ])
            credentials = NewMemberCredentials(password: password, claimToken: token)
        }
        let input = PurchaseMessageInput(
            member: member, created: created, pending: pending, claimToken: credentials?.claimToken,
            resetKey: resetKey, password: credentials?.password)
        for (kind, payload) in try effects.messages(input) {
            try transaction.run(sql.enqueue, [.text(kind), .text(payload)])
        }
        return (
            PurchaseOutcome(status: .processed, memberID: member.id, created: created, pending: pending), credentials
        )
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
