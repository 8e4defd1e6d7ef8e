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
    public let settings: AppSettings
    let logger: Logger
    let hasher: PasswordHasher
    let keysCache: SiteKeysCache
    let gateCache: GateCache
    let layout: Layout
    /// Unix time; the tests give a fixed one.
    let clock: @Sendable () -> Int
    /// A hash of the configured format to check when no member matches, so that an unknown login
    /// costs the same time as a known one (made once at start).
    let dummyHash: String

    /// - Parameters:
    ///   - siteKeys: fixed keys (tests); nil reads them from wp-config.php and the options on first use.
    ///   - clock: Unix time; fixed in tests.
    public init(
        configuration: SiteConfiguration, settings: AppSettings, logger: Logger, siteKeys: SiteKeys? = nil,
        clock: @escaping @Sendable () -> Int = { UTCTime.now() }
    ) throws {
        self.configuration = configuration
        self.settings = settings
        self.logger = logger
        self.clock = clock
        keysCache = SiteKeysCache(fixed: siteKeys)
        gateCache = GateCache(lifetimeSeconds: settings.gateCacheSeconds)
        hasher = try PasswordHasher(wordpress: configuration.wordpress, target: configuration.settings.hashTarget)
        dummyHash = try hasher.hash(Array(SessionToken.generate().utf8))
        layout = try Layout(pagesDirectory: settings.pagesDirectory)
    }

    /// A responder for one worker thread, with its own database connection (opened on first use).
    public func makeResponder() -> PressGateResponder {
        makeResponder(database: Database(settings: configuration.connection, logger: logger))
    }

    func makeResponder(database: Database) -> PressGateResponder {
        PressGateResponder(app: self, database: database)
    }

    var passwordPolicy: PasswordPolicy { PasswordPolicy(minimumLength: configuration.settings.passwordMinimumLength) }

    /// The site keys for a request: cached, loaded (on a connection of the caller's) when missing.
    func siteKeys(loadingWith options: SiteOptions) throws -> SiteKeys {
        try keysCache.get { try SiteKeys.load(configuration: configuration, options: options) }
    }
}
