/// Who may connect to `pressgate serve`'s unix socket. Anyone who can connect speaks FastCGI
/// directly: they choose `REMOTE_ADDR` and `HTTPS` and skip nginx. So the socket is 0660 by
/// default (the owner and one group: put nginx's worker user in it, or run both as one user), never
/// 0666; `socket_mode` and `socket_group` configure it.
public struct SocketPermissions: Equatable, Sendable {
    /// Permission bits of the socket file (only 0o777 counts).
    public var mode: UInt32
    /// The group the socket file is given; nil keeps the group the process creates files with.
    public var groupID: UInt32?

    /// 0660, the process's own group.
    public static let `default` = SocketPermissions(mode: 0o660, groupID: nil)

    public init(mode: UInt32, groupID: UInt32?) {
        self.mode = mode & 0o777
        self.groupID = groupID
    }

    /// True when any local user may connect (the write bit for "others").
    public var admitsEveryone: Bool { mode & 0o002 != 0 }
}
