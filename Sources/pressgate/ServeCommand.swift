import ArgumentParser
import FastCGIServer
import Logging
import MemberStore
import Metrics
import OutboxDelivery
import PressGateApp
import PressGateConfiguration
import Prometheus

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
            throw ValidationError(
                "--listen must be unix:/absolute/path or host:port (a bare :port would bind every interface)")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be between 1 and 256") }
    }

    func run() throws {
        // Before any thread starts, so every thread inherits the mask: the stop signals then reach
        // only FastCGIServer's sigwait, and a second SIGINT during a drain cannot kill the process.
        FastCGIServer.blockStopSignals()
        let configuration = try site.load()
        let settings = configuration.settings
        LogOutput.format = settings.logFormat
        var logger = Logger(label: "pressgate")
        logger.logLevel = Logger.Level(settings.logLevel)

        let address: ListenAddress
        if let listen {
            address = ListenAddress(listen)!
        } else if let systemd = FastCGIServer.systemdListenSocket() {
            address = .inherited(fd: systemd)
        } else if FastCGIServer.inheritedSocketAvailable {
            address = .inherited(fd: 0)
        } else if let configured = ListenAddress(settings.server.listen) {
            address = configured
        } else {
            throw CommandFailure("the listen setting is not unix:/absolute/path or host:port")
        }

        // Loud, at every start, while a site sends generated passwords out of PressGate.
        if settings.mail.includesPassword {
            logger.warning(
                """
                welcome_email_includes_password is on: generated passwords are sent by e-mail \
                and kept in the outbox until sent
                """)
        }
        if settings.crm.includesPassword {
            logger.warning(
                """
                crm_includes_password is on: generated passwords are sent to the CRM in clear; \
                the CRM field is not encrypted
                """)
        }
        if let dropIn = ObjectCacheDropIn.find(wpConfigPath: configuration.wpConfigPath) {
            logger.error(
                """
                a persistent object cache is installed (\(dropIn)): PressGate does not keep it coherent yet, so \
                WordPress goes on seeing old passwords, sessions and reset keys after PressGate changes them
                """)
        }
        let permissions = SocketPermissions(
            mode: settings.server.socketMode, groupID: settings.server.socketGroup?.id)
        if case .unix = address, permissions.admitsEveryone {
            logger.warning(
                """
                socket_mode lets every local user connect to the FastCGI socket (and so forge the client \
                address and HTTPS): keep its folder closed to them
                """)
        }
        let workerThreads = threads ?? settings.server.threads
        // swift-metrics' counters, timers and gauges into swift-prometheus's registry (GET /auth/metrics).
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        let app = try PressGateApp(
            configuration: configuration, logger: logger, workerThreads: workerThreads,
            metricsText: { registry.emitToBuffer() })
        // The outbox delivery worker: one more thread, which opens its own connection.
        let worker = OutboxWorker(
            connection: configuration.connection, tables: configuration.tables,
            settings: DeliverySettings(configuration), logger: logger)
        worker.start()
        defer { worker.stop() }
        do {
            let server = FastCGIServer(
                address: address, socketPermissions: permissions, threads: workerThreads,
                maximumBodyBytes: settings.http.maximumBodyBytes,
                logger: logger
            ) { _ in app.makeResponder() }
            try server.run()
        } catch let error as FastCGIServer.Failure {
            throw CommandFailure("\(error)")
        }
    }
}
