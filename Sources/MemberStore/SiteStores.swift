/// Every store of one site on one connection, built in one place (the responder of each worker
/// thread, the CLI's site commands and the tests all use this), so that nothing wires the
/// repositories by hand. Not thread-safe: it shares its owner's `Database`.
public struct SiteStores {
    public let database: Database
    public let members: MemberRepository
    public let sessions: SessionStore
    public let options: SiteOptions
    public let memberships: Memberships
    public let throttle: LoginThrottle
    public let audit: AuditLog
    public let purchases: PurchaseStore
    public let welcomeClaims: WelcomeClaims
    public let accounts: AccountStore
    public let links: LoginLinks
    public let guardStates: AccountGuardStates
    public let twoFactorChallenges: TwoFactorChallenges
    public let twoFactorCodes: TwoFactorCodes
    public let outbox: OutboxStore

    public init(
        database: Database, tables: TableNames, wordpressVersion: String, throttlePolicy: LoginThrottle.Policy = .init()
    ) {
        self.database = database
        members = MemberRepository(database: database, tables: tables, wordpressVersion: wordpressVersion)
        sessions = SessionStore(database: database, tables: tables)
        options = SiteOptions(database: database, tables: tables)
        memberships = Memberships(database: database, tables: tables)
        throttle = LoginThrottle(database: database, tables: tables, policy: throttlePolicy)
        audit = AuditLog(database: database, tables: tables)
        purchases = PurchaseStore(database: database, tables: tables, wordpressVersion: wordpressVersion)
        welcomeClaims = WelcomeClaims(database: database, tables: tables)
        accounts = AccountStore(database: database, tables: tables)
        links = LoginLinks(database: database, tables: tables)
        guardStates = AccountGuardStates(database: database, tables: tables)
        twoFactorChallenges = TwoFactorChallenges(database: database, tables: tables)
        twoFactorCodes = TwoFactorCodes(database: database, tables: tables)
        outbox = OutboxStore(database: database, tables: tables)
    }
}
