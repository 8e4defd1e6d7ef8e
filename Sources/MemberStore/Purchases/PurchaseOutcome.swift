import Foundation

/// What processing an event did (stored in the ledger and returned to every duplicate delivery).
public struct PurchaseOutcome: Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case processed
        case ignored
        case revoked
        case nothingToRevoke = "nothing to revoke"
        /// A login-link request for an e-mail that no member who may get a link has.
        case refused
        /// A purchase of a product no map names: nothing granted, and a resend is processed again.
        case unmapped
        /// A subscription's grants run to a new end.
        case renewed
        /// A subscription's payment failed: its grants end after the grace period.
        case lapsing
        /// A renewal or lapse for an order that grants nothing (yet).
        case nothingToRenew = "nothing to renew"

        /// The ledger row's `status` column.
        var ledgerRowStatus: String {
            switch self {
            case .ignored: "ignored"
            case .unmapped: "unmapped"
            default: "processed"
            }
        }
    }

    public var status: Status
    public var memberID: UInt64?
    public var created: Bool
    /// The products wait as pending memberships: the member's e-mail is not proven yet (``EmailProofs``).
    public var pending: Bool
    /// True when this delivery met the ledger row of an earlier one (never stored).
    public var duplicate: Bool

    public init(
        status: Status, memberID: UInt64? = nil, created: Bool = false, pending: Bool = false, duplicate: Bool = false
    ) {
        self.status = status
        self.memberID = memberID
        self.created = created
        self.pending = pending
        self.duplicate = duplicate
    }

    /// The ledger's JSON (`{"status","member_id","created","pending"?}`): no secret, so a duplicate
    /// can be answered from it.
    struct Ledger: Codable {
        var status: Status
        var memberID: UInt64?
        var created: Bool
        /// Written only when true (rows of earlier versions have none).
        var pending: Bool?

        enum CodingKeys: String, CodingKey {
            case status
            case memberID = "member_id"
            case created
            case pending
        }
    }

    var ledgerJSON: String {
        let ledger = Ledger(status: status, memberID: memberID, created: created, pending: pending ? true : nil)
        // Encoding three plain fields cannot fail; the fallback keeps the type total.
        let data = (try? Self.encoder.encode(ledger)) ?? Data(#"{"status":"processed","created":false}"#.utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The outcome a duplicate delivery gets. A row that cannot be read (written by hand) reads as
    /// `processed`: the event was handled, and handling it again is what the ledger prevents.
    static func parse(ledger text: String) -> PurchaseOutcome {
        guard let ledger = try? JSONDecoder().decode(Ledger.self, from: Data(text.utf8)) else {
            return PurchaseOutcome(status: .processed, duplicate: true)
        }
        return PurchaseOutcome(
            status: ledger.status, memberID: ledger.memberID, created: ledger.created, pending: ledger.pending ?? false,
            duplicate: true)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()
}
