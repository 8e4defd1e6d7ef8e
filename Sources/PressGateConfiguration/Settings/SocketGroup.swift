#if canImport(Glibc)
import Glibc
#endif

/// `socket_group`: the group `pressgate serve`'s unix socket is given, so that nginx's worker user
/// (a member of it) can connect while other local users cannot. Resolved when the configuration is
/// read, so a group that does not exist stops the start with an error naming the key, instead of a
/// socket nobody can use.
public struct SocketGroup: Sendable, Equatable {
    /// As written: a group name (`www-data`) or a numeric id.
    public let name: String
    public let id: UInt32

    /// The group named `text` (or with that numeric id) in the system's group database; nil when
    /// there is none or the text is not a group name.
    public init?(_ text: String) {
        guard !text.isEmpty, text.utf8.count <= 64, !text.hasPrefix("-"),
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
        else { return nil }
        let found = text.allSatisfy(\.isNumber) ? UInt32(text).flatMap(Self.lookup(id:)) : Self.lookup(name: text)
        guard let found else { return nil }
        name = text
        id = found
    }

    /// `getgrnam_r`: the id of the group called `name`.
    private static func lookup(name: String) -> UInt32? {
        withGroupBuffer { entry, buffer, result in getgrnam_r(name, &entry, buffer, 16_384, &result) }
    }

    /// `getgrgid_r`: `id` when a group has it.
    private static func lookup(id: UInt32) -> UInt32? {
        withGroupBuffer { entry, buffer, result in getgrgid_r(id, &entry, buffer, 16_384, &result) }
    }

    private static func withGroupBuffer(
        _ call: (inout group, UnsafeMutablePointer<CChar>, inout UnsafeMutablePointer<group>?) -> Int32
    ) -> UInt32? {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: 16_384)
        defer { buffer.deallocate() }
        var entry = group()
        var result: UnsafeMutablePointer<group>?
        guard call(&entry, buffer, &result) == 0, result != nil else { return nil }
        return entry.gr_gid
    }
}
