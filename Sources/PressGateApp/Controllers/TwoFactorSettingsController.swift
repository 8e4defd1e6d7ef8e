import MemberStore
import PressGateHTTP
import WordPressCompat

/// Two-step verification on the account page, stored as the Two Factor plugin stores it (so the same
/// authenticator app works on wp-login.php with the plugin active): `POST /auth/account/two-factor/setup`
/// (a new key and its QR code), `/totp` (the first code turns it on, with backup codes),
/// `/backup-codes` (new ones, shown once), `/off` (the password and a code).
struct TwoFactorSettingsController: RouteController {
    let app: PressGateApp
    let codes: TwoFactorCodes
    let throttle: LoginThrottle
    let audit: AuditLog
    let sessions: SessionService
    let account: AccountController

    func register(on routes: RouterGroup) {
        let forms = routes.group(
            "/account/two-factor",
            middleware: [SameSiteMiddleware(), SessionRequiredMiddleware(sessions: sessions, refusal: .unauthorized)])
        forms.post("/setup", setup)
        forms.post("/totp", enable)
        forms.post("/backup-codes", regenerate)
        forms.costly(app).post("/off", turnOff)
    }

    func setup(_ context: RequestContext) throws -> HTTPResponse {
        try setupPage(context, key: TOTP.generateKey(), error: nil, status: 200)
    }

    func setupPage(_ context: RequestContext, key: String, error: String?, status: HTTPStatus) throws -> HTTPResponse {
        let member = try context.requireSession().member
        let issuer = try context.keys.siteName
        let uri = TOTPURI.make(issuer: issuer, login: member.login, key: key)
        let qr = try QRCode.encode(Array(uri.utf8), correction: .medium)
            .svg(moduleSize: 4, quietZone: 4, title: "QR code of the key for your authenticator app")
        let page = TwoFactorSettingsPage.setup(
            prefix: context.prefix, csrf: try context.csrfToken(), key: key,
            signature: try keySignature(key, context), qrCode: qr, error: error)
        return context.page(status, page).noReferrer()
    }

    /// The key travels in the form between the two steps; this signature (the member, the key, the
    /// site's CSRF key) keeps a forged form from planting a key the attacker knows.
    func keySignature(_ key: String, _ context: RequestContext) throws -> String {
        let member = try context.requireSession().member
        return HMACSHA256.hex(key: try context.keys.csrfKey, message: Array("totp-setup|\(member.id)|\(key)".utf8))
    }

    func enable(_ context: RequestContext) throws -> HTTPResponse {
        let member = try context.requireSession().member
        let form = try context.form()
        let key = form["key"] ?? ""
        guard Base32.decode(key)?.count == 20,
            ConstantTime.equals(Array((form["key_signature"] ?? "").utf8), Array(try keySignature(key, context).utf8))
        else { throw HTTPError(400, message: "The setup form has expired. Please start again.") }
        guard let code = TOTP.sanitize(form["authcode"] ?? ""),
            TOTP.validTickTime(base32Key: key, authcode: code, now: context.now) != nil
        else {
            return try setupPage(
                context, key: key, error: "The code is not correct. Check the app's clock and try again.", status: 400)
        }
        try codes.enableTOTP(memberID: member.id, key: key)
        let fresh = try replaceBackupCodes(memberID: member.id)
        app.gateCache.forget(memberID: member.id)
        try audit.record("two_factor.enabled", memberID: member.id, ip: context.request.remoteAddress, detail: "totp")
        return context.page(200, TwoFactorSettingsPage.codes(prefix: context.prefix, codes: fresh, turnedOn: true))
            .noReferrer()
    }

    func regenerate(_ context: RequestContext) throws -> HTTPResponse {
        let member = try context.requireSession().member
        let fresh = try replaceBackupCodes(memberID: member.id)
        try audit.record("two_factor.backup_codes", memberID: member.id, ip: context.request.remoteAddress)
        return context.page(200, TwoFactorSettingsPage.codes(prefix: context.prefix, codes: fresh, turnedOn: false))
            .noReferrer()
    }

    /// Ten new 8-digit codes (`generate_codes()`), stored as `wp_hash_password` hashes.
    func replaceBackupCodes(memberID: UInt64) throws -> [String] {
        let fresh = (0..<10).map { _ in TwoFactorPlugin.digitCode() }
        try codes.replaceBackupCodes(memberID: memberID, hashes: try fresh.map { try app.hasher.hash(Array($0.utf8)) })
        return fresh
    }

    func turnOff(_ context: RequestContext) throws -> HTTPResponse {
        let member = try context.requireSession().member
        let form = try context.form()
        let address = context.request.remoteAddress
        let budget = ThrottleSubject.member(member.id)
        if case .refused(let retryAfter) = try throttle.check(account: budget, address: address, now: context.now) {
            throw HTTPError(
                429, message: LoginController.throttledMessage, headers: [("Retry-After", String(retryAfter))])
        }
        let passwordOK = app.passwordPolicy.matches(
            submitted: form["current"] ?? "", hash: member.passwordHash, wordpress: app.configuration.wordpress)
        let submitted = form["authcode"] ?? ""
        // The password and a code: TOTP first, else a backup code (which is then used up).
        let wordpress = app.configuration.wordpress
        let salt = try context.keys.authSalt
        let codeOK =
            try passwordOK
            && (codes.verify(
                submitted, provider: .totp, memberID: member.id, now: context.now, wordpress: wordpress, authSalt: salt)
                || codes.verify(
                    submitted, provider: .backupCodes, memberID: member.id, now: context.now, wordpress: wordpress,
                    authSalt: salt))
        guard codeOK else {
            try throttle.recordFailure(account: budget, address: address, now: context.now)
            try audit.record("two_factor.disable_refused", memberID: member.id, ip: address)
            return try account.accountPage(
                context, notice: nil, error: nil, status: 400,
                twoFactorError: "The password or the code is not correct.")
        }
        try codes.disableTOTPAndBackupCodes(memberID: member.id)
        try audit.record("two_factor.disabled", memberID: member.id, ip: address)
        return .redirect(to: context.path("/account?two_factor=off"))
    }
}

/// The `otpauth://` URI authenticator apps read (`Two_Factor_Totp::generate_qr_code_url()`): the
/// label `issuer:login` and the issuer rawurlencoded, the key as it is.
enum TOTPURI {
    static func make(issuer: String, login: String, key: String) -> String {
        "otpauth://totp/" + Cookies.rawURLEncoded(issuer + ":" + login) + "?secret=" + Cookies.rawURLEncoded(key)
            + "&issuer=" + Cookies.rawURLEncoded(issuer)
    }
}
