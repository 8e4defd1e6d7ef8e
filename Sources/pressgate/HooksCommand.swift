import ArgumentParser
import MemberStore
import PressGateApp

/// `pressgate hooks forget PROVIDER EVENT_ID`: the purchase ledger forgets one event, so that the
/// provider's resend of it is processed as new.
struct HooksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hooks", abstract: "The purchase hooks' ledger.", subcommands: [HooksForgetCommand.self])
}

struct HooksForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Forget one event of the ledger, so that its resend is processed as new.",
        discussion: """
            For an event that was handled under a configuration since fixed (an unmapped product is \
            retried on its own). What the event did (a member, grants) stays; resending a purchase that \
            granted already renews the same grants.
            """)

    @Argument(help: "pressgate, stripe or woocommerce.")
    var provider: String

    @Argument(help: "The event's id: the webhook-id, Stripe's evt_…, or WooCommerce's order-<id>-<status>-<time>.")
    var eventID: String

    @OptionGroup var site: SiteOptionsGroup

    func run() throws {
        let context = try SiteContext(site)
        guard try context.stores.purchases.forget(provider: provider, eventID: eventID) else {
            throw CommandFailure("no event \(eventID) of \(provider) in the ledger")
        }
        print("forgot \(provider) event \(eventID): a resend is processed as new")
    }
}
