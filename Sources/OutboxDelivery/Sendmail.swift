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
        // Monotonic: a wall-clock step must not stretch (or cut) the deadline.
        let deadline = DispatchTime.now() + .seconds(timeout)
        let (pid, input) = try spawn(arguments)
        let written = write(message, to: input, before: deadline)
        close(input)
        switch written {
        case .complete:
            break
        case .timedOut:
            stop(pid)
            throw Failure(description: "\(program) did not read the message within \(timeout) s")
        case .readerGone:
            // It closed its input (most likely it exited) before taking the whole message.
            guard let status = try exitStatus(of: pid, before: deadline) else {
                stop(pid)
                throw Failure(description: "\(program) did not read the message and did not finish within \(timeout) s")
            }
            throw Failure(description: "\(program) did not read the message (\(describe(status)))")
        }
        guard let status = try exitStatus(of: pid, before: deadline) else {
            stop(pid)
            throw Failure(description: "\(program) did not finish within \(timeout) s")
        }
        guard status == 0 else { throw Failure(description: "\(program) \(describe(status))") }
    }

    /// A wait status as <sys/wait.h>'s macros read it (they are not visible to Swift).
    private static func describe(_ status: Int32) -> String {
        let signal = status & 0x7F
        let code = (status >> 8) & 0xFF
        return signal != 0 ? "was ended by signal \(signal)" : "exited with \(code)"
    }

    /// Starts the command; returns its pid and the write end of its standard input.
    private static func spawn(_ arguments: [String]) throws -> (pid: pid_t, input: Int32) {
        var ends: [Int32] = [-1, -1]
        // Both ends close-on-exec; the child's copy of the read end as fd 0 (dup2) is not.
        guard pipe2(&ends, O_CLOEXEC) == 0 else {
            throw Failure(description: "pipe: \(String(cString: strerror(errno)))")
        }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        defer { close(readEnd) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)

        // pressgate blocks SIGTERM/SIGINT in its threads and ignores SIGPIPE (and may have been
        // started ignoring SIGHUP, under nohup); the command starts with an empty mask and the
        // default action for each of these.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var mask = sigset_t()
        var defaults = sigset_t()
        sigemptyset(&mask)
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGCHLD, SIGXFSZ] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else {
            close(writeEnd)
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return (pid, writeEnd)
    }

    enum WriteOutcome { case complete, readerGone, timedOut }

    /// Writes all of `bytes` to the pipe unless the reader goes away (EPIPE; SIGPIPE is ignored by
    /// `pressgate`) or `deadline` passes first. A blocking write would wait forever on a command
    /// that stops reading once the pipe buffer (64 KiB) is full.
    private static func write(_ bytes: [UInt8], to descriptor: Int32, before deadline: DispatchTime) -> WriteOutcome {
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        var offset = 0
        while offset < bytes.count {
            let now = DispatchTime.now()
            guard now < deadline else { return .timedOut }
            let remainingMilliseconds = (deadline.uptimeNanoseconds - now.uptimeNanoseconds) / 1_000_000
            var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&waiting, 1, Int32(min(remainingMilliseconds, 1000)) + 1)
            if ready < 0 && errno != EINTR { return .readerGone }
            if ready <= 0 { continue }
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EAGAIN || errno == EINTR { continue }
                return .readerGone
            }
            offset += count
        }
        return .complete
    }

    /// The wait status once the command exits, or nil at `deadline`. Polls with `WNOHANG` at
    /// growing intervals (0.1 ms up to 10 ms), so a command that exits at once is noticed at once.
    private static func exitStatus(of pid: pid_t, before deadline: DispatchTime) throws -> Int32? {
        var pause: UInt32 = 100
        while true {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return status }
            if reaped < 0 && errno != EINTR {
                throw Failure(description: "cannot wait for the command: \(String(cString: strerror(errno)))")
            }
            if DispatchTime.now() >= deadline { return nil }
            usleep(pause)
            pause = min(pause * 2, 10_000)
        }
    }

    /// SIGTERM, then SIGKILL if the command is still there a second later; always reaped.
    private static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        do {
            if try exitStatus(of: pid, before: DispatchTime.now() + .seconds(1)) != nil { return }
        } catch {
            return  // no longer our child: nothing to signal
        }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}
