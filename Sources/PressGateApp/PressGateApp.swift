import Logging
import MemberStore
import PressGateConfiguration
import PressGateHTTP
import WordPressCompat

/// The application's shared, immutable state: configuration, the password hasher, the site keys'
/// cache, the gate's cache, the pages' layout and the clock. Shared by all worker threads; each
/// thread makes its own ``PressGateResponder`` (with its own database connection) once.
public final class PressGateApp: Sendable {
    public let configuration: SiteConfiguration
    /// The HTTP side's settings (route prefix, body limit, login redirect, gate cache, pages).
    var http: PressGateSettings.HTTPSettings { configuration.settings.http }
    /// The login throttle's budgets (PressGate's defaults; not a setting).
    let throttlePolicy: LoginThrottle.Policy
    let logger: Logger
    let hasher: PasswordHasher
    let keysCache: SiteKeysCache
    let gateCache: GateCache
    let layout: Layout
    /// The limit on threads hashing passwords at once (``CostlyWork``).
    let costlyWork: CostlyWork
    /// The metrics in the Prometheus text format (the CLI's registry), for ``MetricsController``.
    let metricsText: (@Sendable () -> [UInt8])?
    /// Whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed (`trusted_proxies`).
    let trustedProxies: TrustedProxies
    /// Unix time; the tests give a fixed one.
    let clock: @Sendable () -> Int
    /// The hash to check when no member matches, so that an unknown login costs what a member's
    /// costs (decided from the members' hashes; see ``DummyHash``).
    let dummyHash: DummyHash

    /// - Parameters:
    ///   - siteKeys: fixed keys (tests); nil reads them from wp-config.php and the options on first use.
    ///   - clock: Unix time; fixed in tests.
    public init(
        configuration: SiteConfiguration, logger: Logger, throttlePolicy: LoginThrottle.Policy = .init(),
        siteKeys: SiteKeys? = nil, workerThreads: Int? = nil, metricsText: (@Sendable () -> [UInt8])? = nil,
        clock: @escaping @Sendable () -> Int = { UTCTime.now() }
    ) throws {
        self.configuration = configuration
        self.throttlePolicy = throttlePolicy
        self.logger = logger
        self.clock = clock
        keysCache = SiteKeysCache(fixed: siteKeys)
        gateCache = GateCache(lifetimeSeconds: configuration.settings.http.gateCacheSeconds)
        hasher = try PasswordHasher(
            wordpress: configuration.wordpress, target: configuration.settings.passwords.hashTarget)
        dummyHash = DummyHash(fallback: try hasher.hash(Array(SessionToken.generate().utf8)))
        layout = try Layout(pagesDirectory: configuration.settings.http.pagesDirectory)
        self.metricsText = metricsText
        let server = configuration.settings.server
        costlyWork = CostlyWork(
            threads: workerThreads ?? server.threads, reservedForOthers: server.reservedThreads)
        trustedProxies = TrustedProxies(networks: configuration.settings.http.trustedProxies)
    }

    /// A responder for one worker thread, with its own database connection (opened on first use).
    public func makeResponder() -> PressGateResponder {
        makeResponder(database: Database(settings: configuration.connection, logger: logger))
    }

    func makeResponder(database: Database) -> PressGateResponder {
        PressGateResponder(app: self, database: database)
    }

    var passwordPolicy: PasswordPolicy {
        let passwords = configuration.settings.passwords
        return PasswordPolicy(minimumLength: passwords.minimumLength, maximumBytes: passwords.maximumBytes)
    }

    /// The site keys for a request: cached, loaded (on a connection of the caller's) when missing
    /// or a few seconds old; new salts drop the gate's cached answers (made under the old ones).
    func siteKeys(loadingWith options: SiteOptions) throws -> SiteKeys {
        try keysCache.get(
            now: clock(), load: { try SiteKeys.load(configuration: configuration, options: options) },
            changed: { [gateCache, logger] in
                gateCache.forgetAll()
                logger.notice("site salts changed: cookies made under the old ones no longer work")
            })
    }
}
