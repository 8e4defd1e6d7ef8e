import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A sendmail-compatible command (`/usr/sbin/sendmail -t -i`): the whole message on its standard
/// input; exit 0 means accepted. One deadline (`timeout` seconds) covers writing the message and
/// waiting for the exit, so a command that stops reading cannot hold the outbox worker.
enum Sendmail {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func send(_ message: [UInt8], command: String, timeout: Int) throws {
        let parts = command.split(separator: " ").map(String.init)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: parts[0])
        process.arguments = Array(parts.dropFirst())
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        let writer = input.fileHandleForWriting
        let written = write(message, to: writer.fileDescriptor, before: deadline)
        try? writer.close()
        guard written else {
            stop(process)
            throw Failure(description: "\(parts[0]) did not read the message within \(timeout) s")
        }
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            stop(process)
            throw Failure(description: "\(parts[0]) did not finish within \(timeout) s")
        }
        guard process.terminationStatus == 0 else { throw Failure(description: "\(parts[0]) exited with \(process.terminationStatus)") }
    }

    /// Writes all of `bytes` to the pipe unless the reader goes away (EPIPE; SIGPIPE is ignored by
    /// `pressgate`) or `deadline` passes first. A blocking write would wait forever on a command
    /// that stops reading once the pipe buffer (64 KiB) is full.
    private static func write(_ bytes: [UInt8], to descriptor: Int32, before deadline: Date) -> Bool {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var offset = 0
        while offset < bytes.count {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return false }
            var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&waiting, 1, Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { return false }
            if ready <= 0 { continue }
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return false
            }
            offset += count
        }
        return true
    }

    /// SIGTERM, then SIGKILL if the command is still there a second later.
    private static func stop(_ process: Process) {
        process.terminate()
        let grace = Date().addingTimeInterval(1)
        while process.isRunning && Date() < grace { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
