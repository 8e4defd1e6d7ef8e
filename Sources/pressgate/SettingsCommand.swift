import ArgumentParser
import PressGateConfiguration

/// `pressgate settings`: every PressGate setting with its default and meaning, as a Markdown table
/// made from the same declarations the configuration is read with.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Print every setting of the --config file with its default and meaning (Markdown).")

    func run() {
        print(PressGateSettings.markdownTable, terminator: "")
    }
}
