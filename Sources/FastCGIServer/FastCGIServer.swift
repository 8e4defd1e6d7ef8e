internal import CFastCGI
import Foundation
import Logging
import PressGateHTTP
import Synchronization

/// `pressgate serve`'s process model: N worker threads, each with its own `FCGX_Request` and its
/// own responder (and so, in PressGate, its own MariaDB connection), accepting on one listening
/// socket. It knows HTTP values and libfcgi, never the application: `makeResponder` is called once
/// on each worker thread.
///
/// libfcgi's own SIGTERM handler only sets a flag, so the stop signals are blocked (the caller
/// blocks them in `main` before any thread starts; ``run()`` blocks them again for callers that did
/// not) and the calling thread waits for them with `sigwait`; then the listener is shut down (a
/// blocked `accept` returns), in-flight requests finish, and ``run()`` returns.
public final class FastCGIServer: Sendable {
    public typealias ResponderFactory = @Sendable (_ worker: Int) -> any HTTPResponder

    let address: ListenAddress
    /// Mode and group of a unix socket this server creates (not of an inherited one).
    let socketPermissions: SocketPermissions
    let threads: Int
    /// Bodies are read up to this many bytes plus one, so a responder can answer 413 without
    /// the adapter reading an unbounded body.
    let maximumBodyBytes: Int
    let logger: Logger
    let makeResponder: ResponderFactory
    private let stopping = Mutex(false)
    var isStopping: Bool { stopping.withLock { $0 } }

    public init(
        address: ListenAddress, socketPermissions: SocketPermissions = .default, threads: Int,
        maximumBodyBytes: Int, logger: Logger, makeResponder: @escaping ResponderFactory
    ) {
        self.address = address
        self.socketPermissions = socketPermissions
        self.threads = threads
        self.maximumBodyBytes = maximumBodyBytes
        self.logger = logger
        self.makeResponder = makeResponder
    }

    /// The signals ``run()`` waits for: the stop signals, and SIGHUP (answered without stopping). Block them (``blockStopSignals()``) in the main thread
    /// before starting any other thread, so that no thread can be killed by one.
    public static var stopSignals: sigset_t {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        // Blocked too, so that `systemctl reload` or logrotate cannot kill the process (the default
        // action of SIGHUP); ``run()`` answers it without stopping.
        sigaddset(&signals, SIGHUP)
        return signals
    }

    /// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts afterwards.
    public static func blockStopSignals() {
        var signals = stopSignals
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotListen(String, errno: Int32)
        case cannotSetPermissions(String, call: String, errno: Int32)
        public var description: String {
            switch self {
            case .cannotListen(let address, let code): "cannot listen on \(address): \(String(cString: strerror(code)))"
            case .cannotSetPermissions(let path, let call, let code):
                "cannot \(call) the socket \(path): \(String(cString: strerror(code)))"
            }
        }
    }

    /// True when fd 0 is a listening socket (started by spawn-fcgi, or systemd with `StandardInput=socket`).
    public static var inheritedSocketAvailable: Bool { isListening(0) }

    /// The socket systemd passed (`LISTEN_PID` is this process, `LISTEN_FDS` ≥ 1: fd 3, as
    /// `sd_listen_fds()` reads it), or nil. The variables are removed so that no child process
    /// (a sendmail command) mistakes them for its own.
    public static func systemdListenSocket() -> Int32? {
        let environment = ProcessInfo.processInfo.environment
        guard let pid = environment["LISTEN_PID"].flatMap(Int32.init), pid == getpid(),
            let count = environment["LISTEN_FDS"].flatMap(Int.init), count >= 1
        else { return nil }
        for name in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] { unsetenv(name) }
        return isListening(3) ? 3 : nil
    }

    static func isListening(_ fd: Int32) -> Bool {
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 && accepting != 0
    }

    public func run() throws {
        FCGX_Init()
        let socket = try openListener()
        Self.blockStopSignals()
        var stopSignals = Self.stopSignals

        let finished = DispatchGroup()
        for index in 0..<threads {
            finished.enter()
            let thread = Thread { [logger, self] in
                // Made on its own thread: a responder and its connection never leave it.
                let responder = makeResponder(index)
                let request = FastCGIRequest(listenSocket: socket)
                while true {
                    guard request.accept() else {
                        // Stopping, or an error such as EMFILE: a worker never quits on its own,
                        // or the process would stay up answering nothing.
                        if self.isStopping { break }
                        logger.error("accept failed; retrying", metadata: ["errno": "\(errno)"])
                        usleep(100_000)
                        continue
                    }
                    let parameters = request.parameters()
                    let length = CGIRequestDecoder.contentLength(parameters: parameters)
                    let body = length > 0 ? request.readBody(expected: length, limit: maximumBodyBytes) : []
                    let response = responder.respond(to: CGIRequestDecoder.request(parameters: parameters, body: body))
                    request.write(response)
                    request.finish()
                }
                logger.debug("worker stopped", metadata: ["worker": "\(index)"])
                finished.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        logger.notice("pressgate serving", metadata: ["listen": "\(address)", "threads": "\(threads)"])
        SystemdNotify.send("READY=1")

        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        while received == SIGHUP {
            logger.warning(
                "SIGHUP: settings are read at start only; restart pressgate to apply changed settings (still serving)")
            sigwait(&stopSignals, &received)
        }
        logger.notice("stopping: finishing requests in flight", metadata: ["signal": "\(received)"])
        SystemdNotify.send("STOPPING=1")
        stopping.withLock { $0 = true }
        FCGX_ShutdownPending()
        shutdown(socket, Int32(SHUT_RDWR))
        finished.wait()
        if case .unix(let path) = address { unlink(path) }
        logger.notice("pressgate stopped")
    }
}
