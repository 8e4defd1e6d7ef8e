import ArgumentParser
import Logging
import MemberStore
import OutboxDelivery
import PressGateApp

/// `pressgate outbox [--deliver]`: messages not sent yet (pending and failed), or one delivery pass.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
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
