import Foundation

/// One JSON value of a provider's payload, decoded without ever failing the whole payload: the
/// rules in ``PurchaseEvents`` decide what is acceptable and answer a 400 that names the field.
enum JSONField: Decodable, Equatable {
    /// A string.
    case text(String)
    /// A number, as its text (`1234`, `12.5`): order ids and product ids arrive as either.
    case number(String)
    case bool(Bool)
    case null
    /// An array or an object where a scalar was expected.
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let integer = try? container.decode(Int64.self) {
            self = .number(String(integer))
        } else if let number = try? container.decode(Double.self) {
            self = .number(number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        } else {
            self = .other
        }
    }
}

/// A value of type `T`, or nil when the field is absent, null or of another shape (a provider's
/// optional object that one event type leaves out or sends as something else).
struct Lenient<T: Decodable>: Decodable {
    let value: T?

    init(from decoder: any Decoder) throws {
        value = try? decoder.singleValueContainer().decode(T.self)
    }
}
