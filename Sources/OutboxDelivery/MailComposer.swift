import Foundation
import WordPressCompat

/// Builds the welcome e-mails from an outbox payload: plain text, UTF-8, RFC 5322 headers. Every
/// header value is checked for CR/LF (the hooks refuse them already; this is the second wall).
enum MailComposer {
    struct Mail {
        let to: String
        let bytes: [UInt8]
    }

    enum Failure: Error, CustomStringConvertible {
        case badPayload(String)
        var description: String {
            switch self {
            case .badPayload(let why): "unusable e-mail payload: \(why)"
            }
        }
    }

    static func compose(payload: String, settings: DeliverySettings, messageID: UInt64, now: Date = Date()) throws -> Mail {
        guard let json = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
              let to = json["to"] as? String, WordPressText.isEmail(to),
              let login = json["login"] as? String, let template = json["template"] as? String else {
            throw Failure.badPayload("missing to, login or template")
        }
        let loginURL = json["login_url"] as? String ?? ""
        let subject: String
        var lines: [String]
        switch template {
        case "welcome":
            subject = "Welcome to \(settings.siteName)"
            lines = ["Welcome!", "", "Your account is ready. Your username: \(login)", ""]
            if let link = json["set_password_url"] as? String {
                lines += ["Set your password here (the link works once and expires):", link, ""]
            }
            lines += ["Log in: \(loginURL)"]
        case "welcome-existing":
            subject = "Your purchase at \(settings.siteName)"
            lines = ["Thank you!", "", "Your purchase was added to your existing account (\(login)).",
                     "Your password has not changed.", "", "Log in: \(loginURL)"]
        default:
            throw Failure.badPayload("unknown template")
        }
        let headers = [
            ("From", settings.mailFrom), ("To", to), ("Subject", subject), ("Date", rfc5322Date(now)),
            ("Message-ID", "<outbox-\(messageID)@\(settings.mailFrom.split(separator: "@").last ?? "localhost")>"),
            ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "8bit"),
        ]
        for (_, value) in headers where value.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw Failure.badPayload("a header contains a line break")
        }
        let text = headers.map { "\($0.0): \(encodeHeader($0.1))" }.joined(separator: "\r\n") + "\r\n\r\n"
            + lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
        return Mail(to: to, bytes: Array(text.utf8))
    }

    /// RFC 2047 for non-ASCII header text.
    static func encodeHeader(_ value: String) -> String {
        value.unicodeScalars.allSatisfy(\.isASCII) ? value : "=?UTF-8?B?\(Base64.standard(Array(value.utf8)))?="
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
