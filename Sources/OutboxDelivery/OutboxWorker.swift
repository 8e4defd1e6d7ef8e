import Foundation
import Logging
import MemberStore
import Synchronization

/// The delivery thread of `pressgate serve`: it makes its own ``OutboxDeliverer`` (with its own
/// database connection) and runs a pass whenever messages may be due, and the deliverer's
/// housekeeping once a minute. Nothing outside the thread can reach the deliverer.
public final class OutboxWorker: Sendable {
    private let settings: DeliverySettings
    private let logger: Logger
    private let makeDeliverer: @Sendable () throws -> OutboxDeliverer
    private let stopping = Mutex(false)
    // DispatchSemaphore is thread-safe (signal from the worker thread, wait in `stop`).
    private let finished = DispatchSemaphore(value: 0)

    /// A worker whose thread connects with `connection` (nothing is opened before ``start()``).
    public convenience init(
        connection: ConnectionSettings, tables: TableNames, settings: DeliverySettings, logger: Logger
    ) {
        self.init(settings: settings, logger: logger) {
            try OutboxDeliverer(
                database: Database(settings: connection, logger: logger), tables: tables,
                settings: settings, logger: logger)
        }
    }

    init(settings: DeliverySettings, logger: Logger, makeDeliverer: @escaping @Sendable () throws -> OutboxDeliverer) {
        self.settings = settings
        self.logger = logger
        self.makeDeliverer = makeDeliverer
    }

    public func start() {
        if settings.mail.smtpURL == nil && settings.mail.sendmailCommand == nil {
            logger.warning("no smtp_url or sendmail_command: welcome e-mails stay in the outbox until one is set")
        }
        if settings.crm.webhookURL == nil { logger.info("no crm_webhook_url: CRM notifications stay in the outbox") }
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.start()
    }

    /// Stops after the message in hand; returns when the thread has ended.
    public func stop() {
        stopping.withLock { $0 = true }
        finished.wait()
    }

    private var isStopping: Bool { stopping.withLock { $0 } }

    private func run() {
        let deliverer: OutboxDeliverer
        do { deliverer = try makeDeliverer() } catch {
            logger.error("delivery worker cannot start", metadata: ["error": "\(error)"])
            return
        }
        var lastHousekeeping = ContinuousClock.now - .seconds(3600)
        while !isStopping {
            if ContinuousClock.now - lastHousekeeping >= .seconds(60) {
                deliverer.housekeeping()
                lastHousekeeping = ContinuousClock.now
            }
            let delivered: Int
            do { delivered = try deliverer.deliverDue { isStopping } } catch {
                logger.debug("outbox pass failed", metadata: ["error": "\(error)"])
                delivered = 0
            }
            if delivered == 0 {
                for _ in 0..<(settings.pollSeconds * 10) where !isStopping { usleep(100_000) }
            }
        }
    }
}
