import Foundation
import Logging
import MemberStore
import PressGateConfiguration
import PressGateHTTP
import Synchronization

/// Where and how `pressgate` logs: standard error, in the format `log_format` asks for. The
/// handler is installed before the configuration is read (so early errors are logged too) and
/// reads the format when it writes; commands set ``format`` once they have loaded the settings.
enum LogOutput {
    private static let current = Mutex(LogFormat.text)

    static var format: LogFormat {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    static func bootstrap() {
        LoggingSystem.bootstrap { label in PressGateLogHandler(label: label) }
    }
}

/// swift-log's stream handler for `text`; one JSON object per line for `json` (`time`, `level`,
/// `message`, `label`, then the metadata's keys); `<priority>message key=value…` for `journald`.
/// What it writes is what callers put in messages and metadata, which never hold secrets.
struct PressGateLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:] {
        didSet { text.metadata = metadata }
    }
    private var text: StreamLogHandler

    init(label: String) {
        self.label = label
        text = StreamLogHandler.standardError(label: label)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        switch LogOutput.format {
        case .text:
            text.log(event: event)
        case .json:
            var object: [(String, JSONValue)] = [
                ("time", .string(Self.timestamp())), ("level", .string(event.level.rawValue)),
                ("message", .string(event.message.description)), ("label", .string(label)),
            ]
            for (key, value) in fields.sorted(by: { $0.key < $1.key }) { object.append((key, .string("\(value)"))) }
            StandardStreams.writeError(JSONValue.object(object).serialized)
        case .journald:
            let pairs = fields.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
            StandardStreams.writeError("<\(Self.priority(event.level))>\(event.message)\(pairs)")
        }
    }

    /// syslog priorities, as `sd-daemon.h` defines them.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let milliseconds = now.tv_nsec / 1_000_000
        let day = UTCTime.dateTime(Int(now.tv_sec)).replacingOccurrences(of: " ", with: "T")
        return day + "." + String(format: "%03d", milliseconds) + "Z"
    }
}
