#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM and SIGINT, which stop `pressgate serve`.
enum StopSignals {
    /// Blocks them in the calling thread; threads started afterwards inherit the mask. FastCGIServer
    /// then takes them with `sigwait` in the main thread.
    static func block() {
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        // pthread_sigmask fails only for an invalid `how`; SIG_BLOCK is valid.
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }
}
