import WordPressCompat

// pressgate-bench: in-process timing loops for scripts/bench, in the same output format as the
// baselines in bench/ (one TSV line: label, iterations, wall ms per check, CPU ms per check).
//
//   pressgate-bench check HASH ITERATIONS [--wordpress 6.1|6.8]   (password on standard input)
//
// The hash decides what is measured: `$P$B…` is PressGate's phpass check, `$wp$2y$10$…` its bcrypt
// check. It first verifies that the password matches, so a broken build cannot look fast.
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String, code: Int32 = 2) -> Never {
    var line = Array("pressgate-bench: \(message)\n".utf8)
    _ = line.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(code)
}

func seconds(_ clock: clockid_t) -> Double {
    var now = timespec()
    clock_gettime(clock, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

func readStandardInput() -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += chunk[0..<count]
    }
    if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
    return bytes
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 3, arguments[0] == "check", let iterations = Int(arguments[2]), iterations > 0 else {
    fail("usage: pressgate-bench check HASH ITERATIONS [--wordpress 6.1|6.8]")
}
let hash = arguments[1]
var version = WordPressVersion.v6_8
if arguments.count == 5, arguments[3] == "--wordpress" {
    guard let chosen = WordPressVersion(rawValue: arguments[4]) else {
        fail("unknown WordPress version \(arguments[4])")
    }
    version = chosen
}
let password = readStandardInput()
guard PasswordHasher.check(password, against: hash, wordpress: version) == .match else {
    fail("the password does not match the hash", code: 1)
}

let label =
    switch PasswordHashFormat(hash) {
    case .phpass: "pressgate-phpass"
    case .wordPressBcrypt: "pressgate-wp-bcrypt"
    default: "pressgate-check"
    }
let wallStart = seconds(CLOCK_MONOTONIC)
let cpuStart = seconds(CLOCK_PROCESS_CPUTIME_ID)
var matches = 0
for _ in 0..<iterations where PasswordHasher.check(password, against: hash, wordpress: version) == .match {
    matches += 1
}
let wall = seconds(CLOCK_MONOTONIC) - wallStart
let cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpuStart
guard matches == iterations else { fail("\(iterations - matches) checks failed during timing", code: 1) }
print(
    "\(label)\t\(iterations)\t\(format4(wall * 1000 / Double(iterations)))\t\(format4(cpu * 1000 / Double(iterations)))"
)

/// Four decimals without Foundation.
func format4(_ value: Double) -> String {
    let scaled = Int((value * 10_000).rounded())
    let fraction = String(scaled % 10_000)
    return "\(scaled / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
}
