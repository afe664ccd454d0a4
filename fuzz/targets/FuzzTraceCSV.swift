// Fuzz target: request traces in CSV.
//
// Each input is parsed as a trace. A trace that parses is checked as a replay workload,
// replayed for up to 10,000 arrivals (once, and looped at a quarter of its pace) and fitted
// as `quotasim fit` would, and the order of the replayed arrivals is checked.
import Foundation

@testable import QuotaSim

private let start = Instant(microsecondsSinceEpoch: 1_767_225_600_000_000)
private let end = start.advanced(byMicroseconds: 86_400_000_000)
private let utc = TimeZone(identifier: "UTC")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTraceCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let loaded: TraceLoadResult
  do throws(TraceFileError) {
    loaded = try TraceFile.parse(text, file: "trace.csv")
  } catch {
    _ = error.description
    return 0
  }
  _ = loaded.warnings.map(\.description)

  for (timeScale, loops) in [(1.0, false), (0.25, true)] {
    let replay = TraceReplay(rows: loaded.rows, timeScale: timeScale, loops: loops)
    do throws(WorkloadError) {
      try WorkloadValidation.validate(replay, workload: "fuzz")
    } catch {
      _ = error.description
      continue
    }
    var cursor = TraceReplayCursor(replay: replay, start: start, end: end)
    var previous = start
    for _ in 0..<10_000 {
      guard let (arrival, _) = cursor.next() else { break }
      require(arrival >= previous && arrival < end, "arrival \(arrival) out of order")
      previous = arrival
    }
  }

  do throws(TraceFitError) {
    let fit = try TraceFit.fit(rows: loaded.rows, origin: loaded.origin ?? .epoch, timeZone: utc)
    _ = fit.workloadBlock(name: "fuzz", deployment: "prod")
  } catch {
    _ = error.description
  }
  return 0
}

/// Stops the fuzzer with `message` unless `condition` holds. Unlike `precondition`, it prints
/// the message in optimized builds too.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError(message()) }
}
