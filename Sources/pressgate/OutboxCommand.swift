import ArgumentParser
import Foundation
import Logging
import MemberStore
import OutboxDelivery

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
            let worker = OutboxWorker(database: context.database, tables: context.configuration.tables,
                                      settings: try DeliveryWiring.settings(context), logger: context.logger)
            print("taken \(try worker.deliverDue()) due message(s)")
        }
        let rows = try OutboxStore(database: context.database, tables: context.configuration.tables).unsent()
        if rows.isEmpty { print("nothing waiting") }
        for row in rows {
            print("\(row.id)\t\(row.kind)\t\(row.status)\tattempts \(row.attempts)\tnext \(row.nextAttempt)\t\(row.lastError)")
        }
    }
}

/// Delivery settings from PressGate's settings and the site (blog name, host).
enum DeliveryWiring {
    static func settings(_ context: SiteContext) throws -> DeliverySettings {
        let configured = context.configuration.settings
        var settings = DeliverySettings()
        settings.smtpURL = configured.smtpURL
        settings.smtpUsername = configured.smtpUsername
        settings.smtpPassword = configured.smtpPassword
        settings.smtpRequireTLS = configured.smtpRequireTLS
        settings.crmURL = configured.crmWebhookURL
        settings.crmSecret = configured.crmWebhookSecret
        settings.templatesDirectory = configured.mailTemplatesDirectory
        settings.sendmailCommand = configured.sendmailCommand
        settings.siteName = (try? context.options.value("blogname")) ?? nil ?? "the site"
        let host = (try? context.options.value("home")).flatMap { $0 }.flatMap { URLComponents(string: $0)?.host } ?? "localhost"
        settings.mailFrom = configured.mailFrom ?? "wordpress@\(host)"
        return settings
    }
}
