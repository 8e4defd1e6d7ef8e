import MemberStore

/// The whole route table, one controller per concern; each registers its own routes and holds only
/// the stores it uses.
///
/// | path under the prefix | methods | controller | steps before the handler |
/// |---|---|---|---|
/// | `/login` | GET, POST | ``LoginController`` | POST: same-site |
/// | `/logout` | POST | ``LoginController`` | same-site |
/// | `/login/two-factor` | POST | ``TwoFactorController`` | same-site |
/// | `/check` | GET | ``GateController`` | errors as JSON |
/// | `/healthz`, `/readyz` | GET | ``HealthController`` | |
/// | `/metrics` | GET | ``MetricsController`` | `metrics_allow` (in the handler) |
/// | `/hooks/purchase`, `/hooks/stripe`, `/hooks/woocommerce`, `/hooks/login-link` | POST | ``HookController`` | signature (in the handler: over the raw body) |
/// | `/welcome` | GET, POST | ``WelcomeController`` | POST: same-site |
/// | `/welcome/password` | POST | ``WelcomeController`` | same-site |
/// | `/password/forgot`, `/password/reset` | GET, POST | ``RecoveryController`` | POST: same-site |
/// | `/account` | GET | ``AccountController`` | session (else to the login form) |
/// | `/account/password`, `/account/sessions` | POST | ``AccountController`` | same-site, session (else 401) |
/// | `/account/two-factor/setup`, `/totp`, `/backup-codes`, `/off` | POST | ``TwoFactorSettingsController`` | same-site, session (else 401) |
/// | `/link` | GET, POST | ``LinkController`` | POST: same-site |
/// | `/link/request` | POST | ``LinkController`` | same-site |
enum Controllers {
    static func register(on router: Router, app: PressGateApp, stores: SiteStores) {
        let accountGuard = AccountGuard(states: stores.guardStates, settings: app.configuration.settings.guards)
        let sessions = SessionService(
            members: stores.members, sessions: stores.sessions, audit: stores.audit, accountGuard: accountGuard)
        let links = LinkMinter(links: stores.links, accountGuard: accountGuard, audit: stores.audit, app: app)
        let twoFactor = TwoFactorController(
            app: app, challenges: stores.twoFactorChallenges, codes: stores.twoFactorCodes, states: stores.guardStates,
            members: stores.members, throttle: stores.throttle, audit: stores.audit, sessions: sessions,
            accounts: stores.accounts)
        let account = AccountController(
            app: app, sessions: sessions, sessionStore: stores.sessions, members: stores.members,
            throttle: stores.throttle, accounts: stores.accounts, links: stores.links, audit: stores.audit,
            guardStates: stores.guardStates)
        let routes = router.group()
        let controllers: [any RouteController] = [
            LoginController(
                app: app, members: stores.members, throttle: stores.throttle, audit: stores.audit, sessions: sessions,
                twoFactor: twoFactor),
            twoFactor,
            GateController(app: app, sessions: sessions, memberships: stores.memberships),
            HealthController(
                database: stores.database,
                migrator: SchemaMigrator(
                    database: stores.database, tables: app.configuration.tables, logger: app.logger)),
            MetricsController(app: app, outbox: stores.outbox),
            HookController(
                app: app, purchases: stores.purchases, members: stores.members, options: stores.options,
                audit: stores.audit,
                links: links),
            WelcomeController(app: app, claims: stores.welcomeClaims, members: stores.members, sessions: sessions),
            RecoveryController(
                app: app, members: stores.members, throttle: stores.throttle, accounts: stores.accounts,
                audit: stores.audit),
            account,
            TwoFactorSettingsController(
                app: app, codes: stores.twoFactorCodes, throttle: stores.throttle, audit: stores.audit,
                sessions: sessions,
                account: account),
            LinkController(
                app: app, links: links, members: stores.members, throttle: stores.throttle, accounts: stores.accounts,
                audit: stores.audit, sessions: sessions),
        ]
        for controller in controllers { controller.register(on: routes) }
    }
}
