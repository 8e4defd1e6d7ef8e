#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard input and error without Foundation. Passwords come only from standard input, never from
/// arguments, which any user can read in `ps`.
enum StandardStreams {
    /// More than this on standard input is refused rather than read (WordPress's own limit is 4096).
    static let maximumInputBytes = 1 << 20

    enum InputError: Error, CustomStringConvertible {
        case tooLarge
        case readFailed(errno: Int32)

        var description: String {
            switch self {
            case .tooLarge: "standard input is larger than \(StandardStreams.maximumInputBytes) bytes"
            case .readFailed(let code): "cannot read standard input (errno \(code))"
            }
        }
    }

    /// All of standard input with one trailing newline (`\n` or `\r\n`) removed, as bytes.
    static func readPassword() throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw .readFailed(errno: errno)
            }
            bytes += chunk[0..<count]
            guard bytes.count <= maximumInputBytes else { throw .tooLarge }
        }
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        return bytes
    }

    static func writeError(_ message: String) {
        let line = message.hasSuffix("\n") ? message : message + "\n"
        var bytes = Array(line.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #else
        Darwin.exit(code)
        #endif
    }
}
