// swift-tools-version:6.1
import PackageDescription

/// The Hummingbird 2 peer for scripts/bench-server: serves the same JSON body as
/// HTTPServerBenchmark, so both servers are measured by the same wrk run.
let package = Package(
  name: "HummingbirdPeer",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
  ],
  targets: [
    .executableTarget(
      name: "HummingbirdPeer",
      dependencies: [
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Logging", package: "swift-log"),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
