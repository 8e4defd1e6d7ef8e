#if canImport(Glibc)
import Glibc
#endif

/// Blocks the calling worker thread (each owns its connection; there is no event loop to yield to).
func sleepMilliseconds(_ milliseconds: Int) {
    var request = timespec(tv_sec: milliseconds / 1000, tv_nsec: (milliseconds % 1000) * 1_000_000)
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
}
