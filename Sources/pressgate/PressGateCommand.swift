import ArgumentParser
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// `pressgate`: the one binary of PressGate.
struct PressGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pressgate",
        abstract: "Password and account service for a WordPress membership site.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, CheckCommand.self, UserCommand.self, OutboxCommand.self,
            HooksCommand.self,
            HashPasswordCommand.self, CheckPasswordCommand.self, SettingsCommand.self,
        ]
    )
}

/// Runs the command line with PressGate's exit codes: 0 success, 1 a negative answer or bad
/// input, 2 a usage error (swift-argument-parser's own default for those is 64).
@main
enum PressGateMain {
    static func main() {
        // A peer that goes away (nginx, an SMTP server, a sendmail child) must be an error to handle,
        // never a signal that kills the process; set before any thread starts.
        signal(SIGPIPE, SIG_IGN)
        // Every logger of the process writes to standard error (systemd and spawn-fcgi collect it).
        LogOutput.bootstrap()
        do {
            var command = try PressGateCommand.parseAsRoot()
            try command.run()
        } catch {
            if PressGateCommand.exitCode(for: error) == .validationFailure {
                StandardStreams.writeError(PressGateCommand.fullMessage(for: error))
                StandardStreams.exit(2)
            }
            if let failure = error as? CommandFailure {
                StandardStreams.writeError("pressgate: \(failure)")
                StandardStreams.exit(1)
            }
            PressGateCommand.exit(withError: error)
        }
    }
}
