import ArgumentParser
import Foundation
import MemberStore
import PressGateApp
import PressGateConfiguration

/// `pressgate user grant LOGIN_OR_EMAIL PRODUCT [--until TIME | --for TERM] [--order REF]`
struct UserGrantCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a member a product, for good or until a time.",
        discussion: """
            The grant is the order REF of the source "pressgate-cli" (default REF: manual): granting the same \
            order again renews it with the new end. Purchases are not touched.
            """)

    @Argument(help: "The member's login or e-mail.")
    var member: String

    @Argument(help: "The product slug.")
    var product: String

    @Option(help: "The end: Unix seconds or an RFC 3339 time (2027-06-30T23:59:59Z).")
    var until: String?

    @Option(name: .customLong("for"), help: "The end as a term from now: 365d, 12h or 30m.")
    var term: String?

    @Option(help: "The order this grant stands for.")
    var order = "manual"

    @OptionGroup var site: SiteOptionsGroup

    func validate() throws {
        guard !product.isEmpty, product.count <= 191,
            product.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) })
        else { throw ValidationError("a product slug may contain only letters, digits, -, _ and . (at most 191)") }
        if until != nil && term != nil { throw ValidationError("give --until or --for, not both") }
        if let term, PressGateSettings.termSeconds(term) == nil {
            throw ValidationError("--for takes 365d, 12h or 30m")
        }
    }

    func run() throws {
        let context = try SiteContext(site)
        guard let found = try context.members.find(loginOrEmail: member) else {
            throw CommandFailure("no member with that login or e-mail")
        }
        let now = UTCTime.now()
        var end: Int?
        if let until {
            end = Int(until) ?? ISO8601DateFormatter().date(from: until).map { Int($0.timeIntervalSince1970) }
            guard let end, end > 0, end <= Memberships.forever else {
                throw CommandFailure("--until takes Unix seconds or an RFC 3339 time")
            }
        } else if let term, let seconds = PressGateSettings.termSeconds(term) {
            end = now + seconds
        }
        try context.stores.memberships.grant(
            memberID: found.id, product: product, source: "pressgate-cli", order: String(order.prefix(191)), until: end)
        let notification = CRMNotification(
            .granted, memberID: found.id, email: found.email, login: found.login, created: false, products: product,
            loginURL: "")
        if let payload = try context.sealedCRM(notification) {
            try OutboxStore(database: context.database, tables: context.configuration.tables)
                .enqueue(kind: "crm", payload: payload)
        }
        print("granted \(product) to \(found.login)" + (end.map { " until \(UTCTime.dateTime($0)) UTC" } ?? ""))
    }
}
