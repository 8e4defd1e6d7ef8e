// swift-tools-version: 6.0
import PackageDescription

// Layers (see DESIGN.md): C modules → WordPressCompat (pure compatibility core) → … → pressgate (CLI).
// The C modules are `.systemLibrary` targets: a module map and a shim header, nothing else.
let package = Package(
    name: "PressGate",
    products: [
        .executable(name: "pressgate", targets: ["pressgate"]),
        .library(name: "WordPressCompat", targets: ["WordPressCompat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // C libraries, each imported by exactly one folder of Swift code.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CXCrypt", pkgConfig: "libxcrypt", providers: [.apt(["libcrypt-dev"])]),
        .systemLibrary(name: "CArgon2", pkgConfig: "libargon2", providers: [.apt(["libargon2-dev"])]),
        .systemLibrary(name: "CFastCGI", pkgConfig: "fcgi", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CCrack", providers: [.apt(["libcrack2-dev"])]),
        // glibc's posix_spawn with closefrom (no library to link: libc).
        .systemLibrary(name: "CSpawn"),

        // Pure WordPress compatibility: hashes, reset keys, cookies, sessions, PHP serialize. No SQL, no HTTP.
        .target(
            name: "WordPressCompat",
            dependencies: ["COpenSSL", "CXCrypt", "CArgon2"]
        ),

        // The SQL in sql/ (PressGate's numbered migrations), compiled into the binary.
        .target(
            name: "PressGateSchema",
            path: "sql",
            exclude: ["wordpress"],
            sources: ["Schema.swift"],
            resources: [.embedInCode("pressgate")]
        ),
        // MariaDB: WordPress's user tables and PressGate's own, transactions with retry. No HTTP.
        .target(
            name: "MemberStore",
            dependencies: [
                "WordPressCompat", "CMariaDB", "PressGateSchema",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Reads the site's wp-config.php and PressGate's own settings: configuration lives here only.
        .target(
            name: "PressGateConfiguration",
            dependencies: ["WordPressCompat"]
        ),

        // The HTTP core: request, response, status, method, errors, cookies, forms, the responder
        // protocol. Knows no SQL, no libfcgi and no app.
        .target(name: "PressGateHTTP"),

        // The application: the request pipeline (context, middleware), controllers, policies,
        // webhooks, pages. Knows HTTP as the core's values, never libfcgi.
        .target(
            name: "PressGateApp",
            dependencies: [
                "WordPressCompat", "MemberStore", "PressGateConfiguration", "PressGateHTTP", "CCrack",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // libfcgi: worker threads, FCGX_Accept_r, CGI parameters and body → request, response → bytes.
        // Serves any HTTPResponder; knows nothing of the app.
        .target(
            name: "FastCGIServer",
            dependencies: ["PressGateHTTP", "CFastCGI", .product(name: "Logging", package: "swift-log")]
        ),

        // The outbox delivery worker: SMTP and CRM webhooks through libcurl.
        .target(
            name: "OutboxDelivery",
            dependencies: [
                "MemberStore", "WordPressCompat", "PressGateConfiguration", "CCurl", "CSpawn",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        .executableTarget(
            name: "pressgate",
            dependencies: [
                "WordPressCompat", "MemberStore", "PressGateConfiguration", "PressGateHTTP", "PressGateApp",
                "FastCGIServer",
                "OutboxDelivery",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // In-process timing loops for scripts/bench (never run by the tests).
        .executableTarget(
            name: "pressgate-bench",
            dependencies: ["WordPressCompat"]
        ),

        // Tier 1: needs nothing running. Known answers produced by real WordPress (Tests/…/Vectors).
        .testTarget(
            name: "WordPressCompatTests",
            dependencies: ["WordPressCompat"],
            exclude: ["Vectors"]
        ),
        .testTarget(
            name: "OutboxDeliveryTests",
            dependencies: ["OutboxDelivery", "MemberStore", "PressGateConfiguration", "WordPressCompat"]
        ),
        .testTarget(
            name: "PressGateConfigurationTests",
            dependencies: ["PressGateConfiguration"]
        ),
        // The pipeline and controllers driven in-process (TestClient), without nginx or a database.
        .testTarget(
            name: "PressGateAppTests",
            dependencies: ["PressGateApp", "PressGateHTTP", "PressGateConfiguration", "WordPressCompat", "MemberStore"]
        ),
        .testTarget(
            name: "PressGateHTTPTests",
            dependencies: ["PressGateHTTP"]
        ),
        .testTarget(
            name: "FastCGIServerTests",
            dependencies: ["FastCGIServer", "PressGateHTTP"]
        ),
        // What the integration and end-to-end tests share: a WordPress site per test on the private
        // mariadbd, child processes, the WordPress oracle.
        .target(
            name: "PressGateTestSupport",
            dependencies: [
                "MemberStore", "PressGateConfiguration", "PressGateApp", "WordPressCompat",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/Support"
        ),
        // Tier 2: against the private mariadbd scripts/test starts; each test makes its own database.
        .testTarget(
            name: "MemberStoreIntegrationTests",
            dependencies: [
                "MemberStore", "PressGateConfiguration", "PressGateSchema", "WordPressCompat", "PressGateTestSupport",
                "pressgate",
            ]
        ),
        // Tier 3: real nginx + `pressgate serve` + the private mariadbd, through HTTP.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["MemberStore", "WordPressCompat", "PressGateTestSupport", "pressgate"]
        ),
        // Compatibility tier: what PressGate makes is checked by real WordPress PHP (php-cli + Debian's wordpress),
        // and the CLI is run as a process.
        .testTarget(
            name: "WordPressOracleTests",
            dependencies: ["WordPressCompat", "pressgate"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
