internal import CFastCGI
import Foundation

extension FastCGIServer {
    /// The listening socket of ``address``: the inherited descriptor, else a new one.
    func openListener() throws -> Int32 {
        switch address {
        case .inherited(let fd):
            return fd
        case .unix(let path):
            return try Self.openUnixSocket(path: path, permissions: socketPermissions)
        case .tcp:
            let socket = FCGX_OpenSocket(address.description, 128)
            guard socket >= 0 else { throw Failure.cannotListen(address.description, errno: errno) }
            return socket
        }
    }

    /// Binds and listens on a unix socket at `path` with `permissions`. A stale socket file left by
    /// a crash is removed first (anything else at the path makes the bind fail).
    ///
    /// `bind` creates the file with the process's umask, which can be 0 and so leave the socket
    /// open to every local user until the `chmod`. The umask is therefore tightened to 0177 around
    /// the bind: in between, only the owner can connect. (The umask is process-wide; the only other
    /// thread at this point is the outbox worker, and a tighter umask can only make a file it
    /// creates in those microseconds more private.)
    static func openUnixSocket(path: String, permissions: SocketPermissions) throws -> Int32 {
        var status = stat()
        if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFSOCK { unlink(path) }
        let previous = umask(0o177)
        let socket = FCGX_OpenSocket(path, 128)
        let bindError = errno
        umask(previous)
        guard socket >= 0 else { throw Failure.cannotListen("unix:\(path)", errno: bindError) }
        do {
            if let group = permissions.groupID {
                // lchown: never follows a link someone put in place of the socket.
                try check(lchown(path, uid_t.max, group), "chown", path)
            }
            try check(chmod(path, mode_t(permissions.mode)), "chmod", path)
        } catch {
            close(socket)
            unlink(path)
            throw error
        }
        return socket
    }

    private static func check(_ result: Int32, _ call: String, _ path: String) throws {
        guard result == 0 else { throw Failure.cannotSetPermissions(path, call: call, errno: errno) }
    }
}
