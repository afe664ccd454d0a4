// Fuzz target: configuration files, from bytes to a decoded scenario or catalog.
//
// Each input goes through the JSON parser, the scenario or catalog decoder (chosen by the
// top-level keys, as `quotasim validate` does) and the summary or error text. A scenario that
// decodes must also set up as a run. When it expects at most 2,000 requests in its first
// simulated day, it runs that day, so that the simulator meets the odd values that decoding
// lets through.
import Foundation

@testable import QuotaSim

/// A folder that does not exist, so that relative `traceFile` paths in inputs find no file.
private let baseDirectory = URL(fileURLWithPath: "/nonexistent/quotasim-fuzz")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  do throws(ConfigError) {
    let document = try ConfigFile.parse(bytes, file: "fuzz.json")
    switch ConfigDocumentKind.detect(document) {
    case .catalog:
      let loaded = try DeploymentCatalog.decode(document, file: "fuzz.json")
      _ = loaded.summary()
    case .scenario:
      let loaded = try Scenario.decode(document, file: "fuzz.json", baseDirectory: baseDirectory)
      _ = loaded.summary()
      runBriefly(loaded.scenario)
    }
  } catch {
    _ = error.description
  }
  return 0
}

/// Sets up a run of `scenario` and runs its first simulated day when that is small.
private func runBriefly(_ scenario: Scenario) {
  var brief = scenario
  brief.end = min(scenario.end, scenario.start.advanced(byMicroseconds: 86_400_000_000))
  let run: SimulationRun
  do {
    run = try SimulationRun(scenario: brief)
  } catch {
    // Decoding promises a scenario that runs, so a setup error is a gap in its checks.
    fatalError("a decoded scenario failed to set up: \(error)")
  }
  guard brief.expectedRequestsByWorkload.reduce(0, +) <= 2_000 else { return }
  _ = RunReport.json(run.run())
}
