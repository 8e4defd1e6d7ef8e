import Foundation

/// `sd_notify()` without libsystemd: under `Type=notify`, systemd learns that `pressgate serve` is
/// ready (every worker accepting) and that it is stopping, from datagrams to `$NOTIFY_SOCKET` (a
/// path, or `@name` in the abstract namespace). Without the variable nothing is sent.
enum SystemdNotify {
    static func send(_ state: String) {
        guard let target = ProcessInfo.processInfo.environment["NOTIFY_SOCKET"], !target.isEmpty,
            target.utf8.count < 108
        else { return }
        let socket = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return }
        defer { close(socket) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(target.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }  // the abstract namespace
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.enumerated() { buffer[index] = byte }
        }
        let length = socklen_t(MemoryLayout.offset(of: \sockaddr_un.sun_path)! + path.count)
        let message = Array(state.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                sendto(socket, message, message.count, 0, generic, length)
            }
        }
    }
}
