import Logging
import PressGateConfiguration

extension Logger.Level {
    /// The configured `log_level` as swift-log's level (the same names).
    init(_ level: LogLevel) {
        switch level {
        case .trace: self = .trace
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}
