internal import CSpawn
import Foundation

/// A sendmail-compatible command (`/usr/sbin/sendmail -t -i`): the whole message on its standard
/// input; exit 0 means accepted. One deadline (`timeout` seconds) covers writing the message and
/// waiting for the exit, so a command that stops reading cannot hold the outbox worker.
///
/// Started with `posix_spawn`, not Foundation's `Process`: the benchmark measured ≈ 1.8 ms of CPU
/// and a 10 ms polling step per message through `Process`, ≈ 0.5 ms and no step this way. The
/// command gets a pipe on its standard input, /dev/null for its output, none of PressGate's other
/// descriptors (the FastCGI listener, MariaDB connections), default signal handling, and an
/// environment of `PATH` only — PressGate's own may hold `PRESSGATE_*` passwords.
enum Sendmail {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static let environment = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]

    static func send(_ message: [UInt8], command: String, timeout: Int) throws {
        let arguments = command.split(separator: " ").map(String.init)
        guard let program = arguments.first else { throw Failure(description: "sendmail_command is empty") }
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        let (pid, input) = try spawn(arguments)
        let written = write(message, to: input, before: deadline)
        close(input)
        guard written else {
            stop(pid)
            throw Failure(description: "\(program) did not read the message within \(timeout) s")
        }
        guard let status = try exitStatus(of: pid, before: deadline) else {
            stop(pid)
            throw Failure(description: "\(program) did not finish within \(timeout) s")
        }
        // The wait status as <sys/wait.h>'s macros read it (they are not visible to Swift).
        let signal = status & 0x7F, code = (status >> 8) & 0xFF
        guard signal == 0 else { throw Failure(description: "\(program) was ended by signal \(signal)") }
        guard code == 0 else { throw Failure(description: "\(program) exited with \(code)") }
    }

    /// Starts the command; returns its pid and the write end of its standard input.
    private static func spawn(_ arguments: [String]) throws -> (pid: pid_t, input: Int32) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // The child gets the read end as fd 0 and nothing above 2 (closefrom below).
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)

        // pressgate blocks SIGTERM/SIGINT in its threads and ignores SIGPIPE; the command starts
        // with neither.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t(), defaults = sigset_t()
        sigemptyset(&mask)
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(writeEnd)
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return (pid, writeEnd)
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

    /// The wait status once the command exits, or nil at `deadline`. Polls with `WNOHANG` at
    /// growing intervals (0.1 ms up to 10 ms), so a command that exits at once is noticed at once.
    private static func exitStatus(of pid: pid_t, before deadline: Date) throws -> Int32? {
        var pause: UInt32 = 100
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return status }
            if reaped < 0 && errno != EINTR {
                throw Failure(description: "cannot wait for the command: \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline { return nil }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
    }

    /// SIGTERM, then SIGKILL if the command is still there a second later; always reaped.
    private static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        do {
            if try exitStatus(of: pid, before: Date().addingTimeInterval(1)) != nil { return }
        } catch {
            return // no longer our child: nothing to signal
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
