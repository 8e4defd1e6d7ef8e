internal import CFastCGI
import Foundation
import Logging
import PressGateApp

/// `pressgate serve`'s process model: N worker threads, each with its own `FCGX_Request` and its
/// own app worker (and so its own MariaDB connection), accepting on one listening socket.
///
/// libfcgi's own SIGTERM handler only sets a flag, so the stop signals are blocked in every thread
/// and the main thread waits for them with `sigwait`; then the listener is shut down (a blocked
/// `accept` returns), in-flight requests finish, and ``run()`` returns.
/// `@unchecked Sendable`: `stopping` is guarded by `stopLock`; the rest is immutable after `init`.
public final class FastCGIServer: @unchecked Sendable {
    let address: ListenAddress
    let threads: Int
    let logger: Logger
    let app: PressGateApp
    private let stopLock = NSLock()
    private var stopping = false
    var isStopping: Bool { stopLock.lock(); defer { stopLock.unlock() }; return stopping }

    public init(address: ListenAddress, threads: Int, app: PressGateApp, logger: Logger) {
        self.address = address
        self.threads = threads
        self.app = app
        self.logger = logger
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotListen(String, errno: Int32)
        public var description: String {
            switch self {
            case .cannotListen(let address, let code): "cannot listen on \(address): \(String(cString: strerror(code)))"
            }
        }
    }

    /// True when fd 0 is a listening socket (started by spawn-fcgi or systemd socket activation).
    public static var inheritedSocketAvailable: Bool {
        var accepting: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(0, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &length) == 0 && accepting != 0
    }

    public func run() throws {
        FCGX_Init()
        let socket = try openListener()
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)


        let finished = DispatchGroup()
        let maximumBody = app.settings.maximumBodyBytes
        for index in 0..<threads {
            finished.enter()
            let thread = Thread { [app, logger, self] in
                // Made on its own thread: a worker and its connection never leave it.
                let worker = app.makeWorker()
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
                    let response = worker.respond(to: request.httpRequest(maximumBodyBytes: maximumBody))
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

        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        logger.notice("stopping: finishing requests in flight", metadata: ["signal": "\(received)"])
        stopLock.lock(); stopping = true; stopLock.unlock()
        FCGX_ShutdownPending()
        shutdown(socket, Int32(SHUT_RDWR))
        finished.wait()
        if case .unix(let path) = address { unlink(path) }
        logger.notice("pressgate stopped")
    }

    private func openListener() throws -> Int32 {
        switch address {
        case .inherited:
            return 0
        case .unix(let path):
            var status = stat()
            if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFSOCK { unlink(path) }
            let socket = FCGX_OpenSocket(path, 128)
            guard socket >= 0 else { throw Failure.cannotListen(address.description, errno: errno) }
            // nginx's workers run as another user: they must be able to connect.
            chmod(path, 0o666)
            return socket
        case .tcp:
            let socket = FCGX_OpenSocket(address.description, 128)
            guard socket >= 0 else { throw Failure.cannotListen(address.description, errno: errno) }
            return socket
        }
    }
}
