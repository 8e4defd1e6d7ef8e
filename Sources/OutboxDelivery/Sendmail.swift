import Foundation

/// A sendmail-compatible command (`/usr/sbin/sendmail -t -i`): the whole message on its standard
/// input; exit 0 means accepted.
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
        // `write(contentsOf:)` throws (EPIPE when the command exits early); `write(_:)` would trap.
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(message))
            try input.fileHandleForWriting.close()
        } catch {
            process.terminate()
            throw Failure(description: "\(parts[0]) did not read the message")
        }
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            process.terminate()
            throw Failure(description: "\(parts[0]) did not finish within \(timeout) s")
        }
        guard process.terminationStatus == 0 else { throw Failure(description: "\(parts[0]) exited with \(process.terminationStatus)") }
    }
}
