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
      dependencies: ["CGSL"]
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
