import Foundation
import Logging
import MemberStore
import PressGateApp
import PressGateConfiguration
import WordPressCompat
import XCTest

/// A WordPress site of its own for one test: a fresh database on the private mariadbd that
/// `scripts/test` starts (`PRESSGATE_TEST_DB_DIR`), its wp-config.php, and PressGate's view of it.
/// Without that server the test fails under `scripts/test` and in CI, and skips only in a plain
/// local `swift test`.
///
/// `@unchecked Sendable`: the concurrency tests' threads only read its immutable properties and open
/// their own connections with `newDatabase()`; the shared `database` is used from the test's thread only.
public final class TestSite: @unchecked Sendable {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public enum Kind {
        /// Tables and options from `sql/wordpress` (what `scripts/run` does for the demo).
        case schema(version: String)
        /// Tables and options written by WordPress's own `wp_install()` (the oracle's ground truth).
        case installedByWordPress
    }

    public let databaseDirectory: String
    public let siteDirectory: URL
    public let databaseName: String
    public let configuration: SiteConfiguration
    public let database: Database

    public var wpConfigPath: String { configuration.wpConfigPath }
    public var tables: TableNames { configuration.tables }

    /// An outbox payload as the delivery worker reads it: opened with the site's key when sealed.
    public func openedPayload(_ stored: String) throws -> String {
        guard StorageSeal.isSealed(stored) else { return stored }
        let key = try options.storageKey(constants: try configuration.currentSaltConstants())
        guard let opened = StorageSeal.open(stored, key: key, purpose: OutboxSealing.purpose)
        else { throw TestFailure("an outbox payload does not open with the site's key") }
        return opened
    }

    public static func requireDatabaseDirectory() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let directory = environment["PRESSGATE_TEST_DB_DIR"] { return directory }
        let message = "no private MariaDB: run scripts/test, which starts one (PRESSGATE_TEST_DB_DIR)"
        // Required (scripts/test, CI): a failure, never a skip.
        if environment["PRESSGATE_REQUIRE_DATABASE"] == "1" || environment["CI"] == "true" {
            throw TestFailure(message)
        }
        throw XCTSkip(message)
    }

    public init(
        _ kind: Kind, prefix: String = "wp_", siteURL: String = "http://127.0.0.1:8080",
        settings: [String: String] = [:],
        testCase: XCTestCase
    ) throws {
        databaseDirectory = try Self.requireDatabaseDirectory()
        databaseName = "pgt_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        siteDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("pressgate-site-\(databaseName)")
        switch kind {
        case .schema(let version):
            try Self.script(["create", databaseDirectory, siteDirectory.path, databaseName, prefix, siteURL, version])
        case .installedByWordPress:
            try Self.script(["install", databaseDirectory, siteDirectory.path, databaseName, prefix, siteURL])
        }
        configuration = try SiteConfiguration.load(
            wpConfigPath: siteDirectory.appendingPathComponent("wp-config.php").path,
            settingsPath: nil, environment: settings)
        var logger = Logger(label: "pressgate.test")
        logger.logLevel = .warning
        database = Database(settings: configuration.connection, logger: logger)
        let name = databaseName
        let directory = databaseDirectory
        let folder = siteDirectory
        testCase.addTeardownBlock {
            _ = try? Self.script(["drop", directory, name])
            try? FileManager.default.removeItem(at: folder)
        }
    }

    public func newDatabase() -> Database {
        var logger = Logger(label: "pressgate.test")
        logger.logLevel = .warning
        return Database(settings: configuration.connection, logger: logger)
    }

    /// The site's stores on the test's own connection, wired as the app and the CLI wire them.
    public var stores: SiteStores { SiteStores(database: database, configuration: configuration) }
    public var members: MemberRepository { stores.members }
    public var options: SiteOptions { stores.options }
    public var sessions: SessionStore { stores.sessions }

    public func migrate() throws {
        var logger = Logger(label: "pressgate.test")
        logger.logLevel = .warning
        try SchemaMigrator(database: database, tables: tables, logger: logger).migrate(now: UTCTime.now())
    }

    /// The `pressgate` binary built with the tests (next to the test bundle).
    public static var pressgateBinary: String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let direct = products.appendingPathComponent("pressgate").path
        return FileManager.default.isExecutableFile(atPath: direct)
            ? direct
            : repositoryRoot.appendingPathComponent(".build/debug/pressgate").path
    }

    /// Runs `scripts/site` (which sources the same shell functions scripts/test and scripts/run use).
    @discardableResult
    public static func script(_ arguments: [String]) throws -> String {
        let output = try run("/bin/bash", [repositoryRoot.appendingPathComponent("scripts/site").path] + arguments)
        guard output.status == 0 else {
            throw TestFailure("scripts/site \(arguments.first ?? "") failed: \(output.stderr)")
        }
        return output.stdout
    }

    /// Sends commands to WordPress itself, loaded against this site (`scripts/oracle/wordpress-site.php`).
    public func wordpress(_ commands: [[String: Any]]) throws -> [[String: Any]] {
        let request = try JSONSerialization.data(withJSONObject: ["commands": commands])
        let output = try Self.run(
            "/usr/bin/env",
            [
                "php", Self.repositoryRoot.appendingPathComponent("scripts/oracle/wordpress-site.php").path,
                wpConfigPath,
            ], input: request)
        guard output.status == 0,
            let response = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
            let results = response["results"] as? [[String: Any]]
        else {
            throw TestFailure("WordPress oracle failed (\(output.status)): \(output.stderr)")
        }
        return results
    }

    public struct Output: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs a program to completion with `posix_spawn` and `waitpid`, its output going to temporary
    /// files. (Foundation's `Process` can miss the exit of a script whose server child outlives it.)
    public static func run(
        _ executable: String, _ arguments: [String], input: Data = Data(), environment: [String: String]? = nil
    ) throws -> Output {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pressgate-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let inPath = folder.appendingPathComponent("in").path
        let outPath = folder.appendingPathComponent("out").path
        let errPath = folder.appendingPathComponent("err").path
        try input.write(to: URL(fileURLWithPath: inPath))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        let environmentLines = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environmentLines.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard status == 0 else { throw TestFailure("cannot start \(executable): errno \(status)") }
        var exit: Int32 = 0
        while waitpid(pid, &exit, 0) == -1 && errno == EINTR {}
        let code = (exit & 0x7F) == 0 ? (exit >> 8) & 0xFF : 128 + (exit & 0x7F)
        return Output(
            status: code, stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ message: String) { description = message }
}

/// Runs `body` on `count` threads at once (released together), each with its own connection.
public func concurrently<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws -> T) -> [Result<T, Error>]
{
    let lock = NSLock()
    nonisolated(unsafe) var results = [Result<T, Error>?](repeating: nil, count: count)
    let start = DispatchSemaphore(value: 0)
    let group = DispatchGroup()
    for index in 0..<count {
        let thread = Thread {
            start.wait()
            let result = Result { try body(index) }
            lock.lock()
            results[index] = result
            lock.unlock()
            group.leave()
        }
        group.enter()
        thread.start()
    }
    for _ in 0..<count { start.signal() }
    group.wait()
    return results.map { $0! }
}
