#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The payload of an `email` outbox row: which template, to whom, and the values it fills in. The
/// app writes it, the delivery worker reads it; the JSON field names are those of rows already in
/// outbox tables (`login_url`, `set_password_url`, …), so older rows stay readable.
public struct OutboxEmail: Codable, Sendable, Equatable {
    public enum Template: String, Codable, Sendable, CaseIterable {
        case welcome
        case welcomeExisting = "welcome-existing"
        /// A purchase for an account whose e-mail is not proven yet: the products wait until the
        /// password is set with the enclosed link.
        case purchasePending = "purchase-pending"
        case reset
        case passwordChanged = "password-changed"
        case loginLink = "login-link"
        /// The Two Factor plugin's e-mailed login code (`Two_Factor_Email`).
        case twoFactorCode = "two-factor-code"
    }

    public var template: Template
    public var to: String
    public var login: String
    public var loginURL: String?
    /// Comma-separated product slugs (welcome e-mails).
    public var products: String?
    /// A reset key link that lets a new member choose a password (welcome e-mails).
    public var setPasswordURL: String?
    public var resetURL: String?
    public var loginLinkURL: String?
    /// Only with `welcome_email_includes_password` (warned about at every start).
    public var password: String?
    /// A second-step login code and the address that asked for it (two-factor-code e-mails).
    public var code: String?
    public var ip: String?

    enum CodingKeys: String, CodingKey {
        case template, to, login, products, password, code, ip
        case loginURL = "login_url"
        case setPasswordURL = "set_password_url"
        case resetURL = "reset_url"
        case loginLinkURL = "login_link_url"
    }

    public init(
        _ template: Template, to: String, login: String, loginURL: String? = nil, products: String? = nil,
        setPasswordURL: String? = nil, resetURL: String? = nil, loginLinkURL: String? = nil, password: String? = nil,
        code: String? = nil, ip: String? = nil
    ) {
        self.template = template
        self.to = to
        self.login = login
        self.loginURL = loginURL
        self.products = products
        self.setPasswordURL = setPasswordURL
        self.resetURL = resetURL
        self.loginLinkURL = loginLinkURL
        self.password = password
        self.code = code
        self.ip = ip
    }

    /// Reads a row's payload.
    public init(json: String) throws {
        self = try OutboxJSON.decode(Self.self, json)
    }

    /// The payload to store.
    public var json: String { OutboxJSON.encode(self) }
}

extension OutboxEmail: CustomStringConvertible, CustomReflectable {
    /// The template only: the rest is personal data, links that work as credentials, or a password.
    public var description: String { "OutboxEmail(\(template.rawValue))" }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }
}

/// The JSON of outbox payloads: compact, keys sorted, slashes not escaped.
enum OutboxJSON {
    static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            // JSONEncoder fails only on non-finite floating-point numbers, which these types do not have.
            preconditionFailure("an outbox payload could not be encoded: \(type(of: value))")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }
}
