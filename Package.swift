// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "QuotaSim",
  products: [
    .library(name: "QuotaSim", targets: ["QuotaSim"]),
    .executable(name: "quotasim", targets: ["SimCLI"]),
  ],
  targets: [
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]
    ),
    .target(
      name: "QuotaSim",
      dependencies: ["CGSL"],
      swiftSettings: [
        // Release builds skip the run-time exclusivity checks on class properties, which
        // took about 40 % of the simulator's instructions per request (callgrind, one
        // simulated day). Debug builds, and so the tests, keep them.
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
      ]
    ),
    .executableTarget(
      name: "SimCLI",
      dependencies: ["QuotaSim"]
    ),
    .testTarget(
      name: "QuotaSimTests",
      dependencies: ["QuotaSim"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
