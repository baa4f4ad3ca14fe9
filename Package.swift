// swift-tools-version:6.1
import PackageDescription

/// compute-advisor: which AWS compute option should run a workload, what each costs,
/// and how much of running it stays with the team.
///
/// Layers, one target each: the pure domain (`ComputeAdvisor`), the HTTP server
/// (`HTTPServer`, knows nothing of the domain), storage of past queries (`Storage`),
/// the REST API wiring them (`AdvisorAPI`) and one executable (`compute-advisor`).
let strictSwift: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "compute-advisor",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "compute-advisor", targets: ["ComputeAdvisorCLI"]),
    .library(name: "ComputeAdvisor", targets: ["ComputeAdvisor"]),
    .library(name: "HTTPServer", targets: ["HTTPServer"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
  ],
  targets: [
    // The domain: workload, pricing catalog, options, sizing, cost, management,
    // ranking, explanation. Pure Swift, no I/O but reading its catalog.
    .target(
      name: "ComputeAdvisor",
      resources: [.copy("Resources/pricing-catalog.json")],
      swiftSettings: strictSwift
    ),
    // The HTTP/1.1 server on POSIX sockets and Dispatch.
    .target(
      name: "HTTPServer",
      dependencies: [.product(name: "Logging", package: "swift-log"), "COpenSSL", "CNGHTTP2"],
      swiftSettings: strictSwift
    ),
    // TLS for the HTTP server and SHA-256 for Storage: the system libssl and libcrypto.
    .systemLibrary(
      name: "COpenSSL",
      pkgConfig: "openssl",
      providers: [.apt(["libssl-dev"])]
    ),
    // HTTP/2 for the HTTP server: the system libnghttp2.
    .systemLibrary(
      name: "CNGHTTP2",
      pkgConfig: "libnghttp2",
      providers: [.apt(["libnghttp2-dev"])]
    ),
    // Past queries: the store protocol, SQLite (GRDB) and PostgreSQL (libpq).
    .target(
      name: "Storage",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        "CLibPQ", "COpenSSL",
      ],
      swiftSettings: strictSwift
    ),
    .systemLibrary(
      name: "CLibPQ",
      pkgConfig: "libpq",
      providers: [.apt(["libpq-dev"])]
    ),
    // The REST API: routes, request/response types, validation, problem details,
    // OpenAPI and the docs page.
    .target(
      name: "AdvisorAPI",
      dependencies: [
        "ComputeAdvisor", "HTTPServer", "Storage",
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "Metrics", package: "swift-metrics"),
        .product(name: "Prometheus", package: "swift-prometheus"),
      ],
      resources: [
        .copy("Resources/openapi.yaml"),
        .copy("Resources/docs.html"), .copy("Resources/docs.css"), .copy("Resources/docs.js"),
      ],
      swiftSettings: strictSwift
    ),
    .executableTarget(
      name: "ComputeAdvisorCLI",
      dependencies: [
        "ComputeAdvisor", "AdvisorAPI", "HTTPServer", "Storage",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift
    ),
    // Store throughput and list latency: `swift run -c release StorageBenchmark --help`.
    .executableTarget(
      name: "StorageBenchmark",
      dependencies: [
        "Storage", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSwift
    ),
    // Serves one JSON body for scripts/bench-server (compared with Benchmarks/HummingbirdPeer).
    .executableTarget(
      name: "HTTPServerBenchmark",
      dependencies: ["HTTPServer"],
      path: "Benchmarks/HTTPServerBenchmark",
      swiftSettings: strictSwift
    ),
    // A responder with no HTTP in it: the most a server on Dispatch could do (bench-server).
    .target(name: "CEpoll", path: "Benchmarks/CEpoll"),
    .executableTarget(
      name: "DispatchFloor",
      dependencies: ["CEpoll"],
      path: "Benchmarks/DispatchFloor",
      swiftSettings: strictSwift
    ),
    // In-process cost of API keys and rate limiting per request (scripts/bench-security).
    .executableTarget(
      name: "APIOperationsBenchmark",
      dependencies: [
        "AdvisorAPI", "ComputeAdvisor", "HTTPServer", "Storage",
        .product(name: "Logging", package: "swift-log"),
      ],
      path: "Benchmarks/APIOperationsBenchmark",
      swiftSettings: strictSwift
    ),
    // Times the domain on the examples (scripts/bench-domain); not a test.
    .executableTarget(
      name: "AdvisorBenchmark",
      dependencies: ["ComputeAdvisor"],
      swiftSettings: strictSwift
    ),
    // Golden/ holds recorded answers read by GoldenAnswerTests from the source tree.
    .testTarget(
      name: "ComputeAdvisorTests", dependencies: ["ComputeAdvisor"], exclude: ["Golden"]),
    .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer"]),
    .testTarget(name: "StorageTests", dependencies: ["Storage"]),
    .testTarget(
      name: "AdvisorAPITests",
      dependencies: [
        "AdvisorAPI", "ComputeAdvisor", "HTTPServer", "Storage",
        .product(name: "Yams", package: "Yams"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
