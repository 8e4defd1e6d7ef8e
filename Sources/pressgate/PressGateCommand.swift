import ArgumentParser

/// `pressgate`: the one binary of PressGate. Later issues add `serve`, `migrate`, `check`, `user …`.
struct PressGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pressgate",
        abstract: "Password and account service for a WordPress membership site.",
        subcommands: [HashPasswordCommand.self, CheckPasswordCommand.self]
    )
}

/// Runs the command line with PressGate's exit codes: 0 success, 1 a negative answer or bad
/// input, 2 a usage error (swift-argument-parser's own default for those is 64).
@main
enum PressGateMain {
    static func main() {
        do {
            var command = try PressGateCommand.parseAsRoot()
            try command.run()
        } catch {
            if PressGateCommand.exitCode(for: error) == .validationFailure {
                StandardStreams.writeError(PressGateCommand.fullMessage(for: error))
                StandardStreams.exit(2)
            }
            PressGateCommand.exit(withError: error)
        }
    }
}
