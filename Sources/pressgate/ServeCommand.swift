import ArgumentParser
import FastCGIServer
import Logging
import MemberStore
import OutboxDelivery
import PressGateApp

/// `pressgate serve [--listen unix:PATH | --listen HOST:PORT] [--threads N]`: the FastCGI responder.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer FastCGI requests from nginx (login, logout, the auth_request gate).",
        discussion: """
        Without --listen it uses the socket on fd 0 when started by spawn-fcgi or systemd, else the \
        configured one. SIGTERM or SIGINT: stop accepting, finish the requests in flight, exit 0.
        """)

    @Option(help: "unix:PATH or HOST:PORT (e.g. 127.0.0.1:9000).")
    var listen: String?

    @Option(help: "Worker threads, each with its own database connection.")
    var threads: Int?

    @OptionGroup var site: SiteOptionsGroup

    func validate() throws {
        if let listen, ListenAddress(listen) == nil {
            throw ValidationError("--listen must be unix:/absolute/path or host:port (a bare :port would bind every interface)")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
    }

    func run() throws {
        // Before any thread starts: a stop signal must never reach a thread that does not wait for it.
        FastCGIServer.blockStopSignals()
        let configuration = try site.load()
        let settings = configuration.settings
        var logger = Logger(label: "pressgate")
        logger.logLevel = Logger.Level(rawValue: settings.logLevel) ?? .info

        let address: ListenAddress
        if let listen {
            address = ListenAddress(listen)!
        } else if FastCGIServer.inheritedSocketAvailable {
            address = .inherited
        } else if let configured = ListenAddress(settings.listen) {
            address = configured
        } else {
            throw CommandFailure("the listen setting is not unix:/absolute/path or host:port")
        }

        var appSettings = AppSettings()
        appSettings.routePrefix = settings.routePrefix
        appSettings.maximumBodyBytes = settings.maximumBodyBytes
        appSettings.defaultRedirect = settings.loginRedirect
        appSettings.pagesDirectory = settings.pagesDirectory
        appSettings.gateCacheSeconds = settings.gateCacheSeconds
        // Loud, at every start, while a site sends generated passwords out of PressGate.
        if settings.welcomeEmailIncludesPassword {
            logger.warning("welcome_email_includes_password is on: generated passwords are sent by e-mail and kept in the outbox until sent")
        }
        if settings.crmIncludesPassword {
            logger.warning("crm_includes_password is on: generated passwords are sent to the CRM in clear; the CRM field is not encrypted")
        }
        let app = try PressGateApp(configuration: configuration, settings: appSettings, logger: logger)
        // The outbox delivery worker: one more thread with its own connection.
        let context = try SiteContext(site)
        let worker = OutboxWorker(database: Database(settings: configuration.connection, logger: logger), tables: configuration.tables,
                                  settings: try DeliveryWiring.settings(context), logger: logger)
        worker.start()
        defer { worker.stop() }
        do {
            let server = FastCGIServer(
                address: address, threads: threads ?? settings.threads, maximumBodyBytes: settings.maximumBodyBytes,
                logger: logger
            ) { _ in app.makeResponder() }
            try server.run()
        } catch let error as FastCGIServer.Failure {
            throw CommandFailure("\(error)")
        }
    }
}
