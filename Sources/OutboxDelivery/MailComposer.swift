import Foundation
import MemberStore
import WordPressCompat

/// Builds the e-mails from an outbox row's ``OutboxEmail``: plain text, UTF-8, RFC 5322 headers.
/// Every header value is checked for CR/LF (the hooks refuse them already; this is the second wall).
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

    /// Who an e-mail is from and which texts it uses.
    struct Sender: Equatable {
        let address: String
        let siteName: String
        let templatesDirectory: String?
    }

    static func compose(_ email: OutboxEmail, sender: Sender, messageID: UInt64, now: Date = Date()) throws -> Mail {
        let to = email.to
        guard WordPressText.isEmail(to) else { throw Failure.badPayload("the recipient is not an e-mail address") }
        var values = ["site_name": sender.siteName, "login": email.login]
        let fields = [
            ("products", email.products), ("login_url", email.loginURL), ("set_password_url", email.setPasswordURL),
            ("password", email.password), ("reset_url", email.resetURL), ("login_link_url", email.loginLinkURL),
            ("code", email.code), ("ip", email.ip),
        ]
        for case let (key, value?) in fields { values[key] = value }
        let rendered = try MailTemplates.render(
            email.template.rawValue, values: values,
            directory: sender.templatesDirectory)
        let from = sender.address
        var headers = [
            ("From", from), ("To", to), ("Subject", rendered.subject), ("Date", rfc5322Date(now)),
            ("Message-ID", "<outbox-\(messageID)@\(from.split(separator: "@").last ?? "localhost")>"),
            ("MIME-Version", "1.0"),
        ]
        for (_, value) in headers where value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" }) {
            throw Failure.badPayload("a header contains a line break")
        }
        var body: String
        if let html = rendered.html {
            let boundary = "pressgate-\(messageID)-\(Int(now.timeIntervalSince1970))"
            headers.append(("Content-Type", "multipart/alternative; boundary=\"\(boundary)\""))
            body =
                "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + crlf(rendered.text)
                + "--\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                + crlf(html)
                + "--\(boundary)--\r\n"
        } else {
            headers += [("Content-Type", "text/plain; charset=utf-8"), ("Content-Transfer-Encoding", "8bit")]
            body = crlf(rendered.text)
        }
        let text = headers.map { "\($0.0): \(encodeHeader($0.1))" }.joined(separator: "\r\n") + "\r\n\r\n" + body
        return Mail(to: to, bytes: Array(text.utf8))
    }

    /// CRLF line ends, and a leading "." doubled (SMTP dot-stuffing is libcurl's, this keeps sendmail -i safe too).
    static func crlf(_ text: String) -> String {
        text.components(separatedBy: "\n").map { $0.hasSuffix("\r") ? String($0.dropLast()) : $0 }.joined(
            separator: "\r\n") + "\r\n"
    }

    /// RFC 2047 for non-ASCII header text.
    static func encodeHeader(_ value: String) -> String {
        value.unicodeScalars.allSatisfy(\.isASCII) ? value : "=?UTF-8?B?\(Base64.standard(Array(value.utf8)))?="
    }

    /// Formatted by hand: a DateFormatter per message showed up in the purchase benchmark's profile.
    static func rfc5322Date(_ date: Date) -> String {
        UTCTime.rfc1123(Int(date.timeIntervalSince1970.rounded(.down)), zone: "+0000")
    }
}
