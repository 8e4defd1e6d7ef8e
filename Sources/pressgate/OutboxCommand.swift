import ArgumentParser
import Logging
import MemberStore
import OutboxDelivery
import PressGateApp

/// `pressgate outbox [--deliver]`: messages not sent yet (pending and failed), or one delivery pass;
/// `pressgate outbox retry [ID]`: failed messages queued again.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List e-mails and CRM notifications not sent yet, send the due ones, or queue failed ones again.",
        subcommands: [OutboxListCommand.self, OutboxRetryCommand.self], defaultSubcommand: OutboxListCommand.self)
}

struct OutboxListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List e-mails and CRM notifications not sent yet; --deliver sends the due ones now.")

    @Flag(help: "Send the due messages once (as the worker of pressgate serve does).")
    var deliver = false

    @OptionGroup var site: SiteOptionsGroup

    func run() throws {
        let context = try SiteContext(site)
        if deliver {
            // A deliverer of this command's own, on this command's connection.
            let deliverer = try OutboxDeliverer(
                database: context.database, tables: context.configuration.tables,
                settings: DeliverySettings(context.configuration), logger: context.logger)
            print("taken \(try deliverer.deliverDue()) due message(s)")
        }
        let rows = try OutboxStore(database: context.database, tables: context.configuration.tables).unsent()
        if rows.isEmpty { print("nothing waiting") }
        for row in rows {
            print(
                "\(row.id)\t\(row.kind)\t\(row.status)\tattempts \(row.attempts)\tnext \(row.nextAttempt)\t\(row.lastError)"
            )
        }
    }
}

/// Failed messages keep their sealed payload for 30 days: after the mail server or the CRM is
/// back, this queues them again (each as new, with a full retry window).
struct OutboxRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Queue failed messages (all, or the one with ID) to be sent again.")

    @Argument(help: "The message's id (from pressgate outbox); all failed ones when left out.")
    var id: UInt64?

    @OptionGroup var site: SiteOptionsGroup

    func run() throws {
        let context = try SiteContext(site)
        let queued = try OutboxStore(database: context.database, tables: context.configuration.tables)
            .retryFailed(id: id)
        print("queued \(queued) failed message(s) again")
        if let id, queued == 0 {
            throw CommandFailure("message \(id) is not a failed message that still has its payload")
        }
    }
}
