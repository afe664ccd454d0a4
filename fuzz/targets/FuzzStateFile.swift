// Fuzz target: tracker state files.
//
// Each input is decoded as a state file's bytes for a catalog of three deployments (monthly,
// daily in Europe/Berlin, and without a quota). A document that decodes must keep its known
// entries through a save and a load, and a second save must write the same bytes. The input
// is then written to a state file in a private folder and opened by a tracker, which records
// usage and saves. The saved file must load again with the tracker's usage, so that no save
// loses or invents a count.
import Foundation

@testable import QuotaSim

private let catalog = try! DeploymentCatalog(deployments: [
  Deployment(name: "A", tokenQuota: 1_000_000),
  Deployment(
    name: "B", tokenQuota: 500_000, quotaPeriod: .day, timeZoneIdentifier: "Europe/Berlin"),
  Deployment(name: "C"),
])
private let knownNames: Set<String> = ["A", "B", "C"]
private let clock = ManualClock("2025-03-10T09:00:00Z")

/// A private folder for the state file: in shared memory when the system has it.
private let folder: String = {
  let parent =
    FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
  var template = Array("\(parent)/quotasim-fuzz-state-XXXXXX".utf8CString)
  guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
    fatalError("mkdtemp failed with errno \(errno)")
  }
  return String(cString: created)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStateFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Data(UnsafeBufferPointer(start: data, count: size))
  checkRoundTrip(bytes)
  checkSaveKeepsCounts(bytes)
  return 0
}

/// Decodes `bytes`, and when they decode, checks that a save and a load keep every known
/// entry, and that saving again after that writes the same bytes.
///
/// Entries of unknown deployments may change their text once: a number beyond `Int64` is
/// written as the shortest decimal of its `Double`, such as `1.8446744073709553e+18`, which
/// the next load reads as the integer of that same decimal value.
private func checkRoundTrip(_ bytes: Data) {
  let document: TrackerStateDocument
  do throws(TrackerStateError) {
    document = try TrackerStateDocument.decode(bytes, path: "state.json", knownNames: knownNames)
  } catch {
    _ = error.description
    return
  }
  do throws(TrackerStateError) {
    let firstSave = try document.encoded(path: "state.json")
    let loaded = try TrackerStateDocument.decode(
      firstSave, path: "state.json", knownNames: knownNames)
    require(loaded.deployments == document.deployments, "a round trip changed a known entry")
    let secondSave = try loaded.encoded(path: "state.json")
    let thirdSave = try TrackerStateDocument.decode(
      secondSave, path: "state.json", knownNames: knownNames
    ).encoded(path: "state.json")
    require(thirdSave == secondSave, "saving a loaded file again changed its bytes")
  } catch {
    // Only a foreign entry with a number JSON cannot write fails to encode.
    guard case .saveFailed = error else { fail("re-reading failed: \(error)") }
  }
}

/// Writes `bytes` as a state file, opens a tracker on it, records usage and saves, then checks
/// that the saved file loads with the tracker's usage.
private func checkSaveKeepsCounts(_ bytes: Data) {
  let path = folder + "/state.json"
  unlink(path)
  guard FileManager.default.createFile(atPath: path, contents: bytes) else {
    fatalError("cannot write \(path)")
  }
  let file = TrackerStateFile(path: path)
  let tracker: QuotaTracker
  do throws(TrackerStateError) {
    tracker = try QuotaTracker.open(
      catalog: catalog, clock: clock, stateFile: file, mode: .manual)
  } catch {
    _ = error.description
    return
  }

  tracker.record(TokenUsage(promptTokens: 700, completionTokens: 300), for: DeploymentID(0))
  tracker.record(TokenUsage(totalTokens: 50), for: DeploymentID(1))
  do throws(TrackerStateError) {
    try tracker.save()
  } catch {
    _ = error.description
    return
  }

  do throws(TrackerStateError) {
    let reopened = try QuotaTracker.open(
      catalog: catalog, clock: clock, stateFile: file, mode: .manual)
    for id in catalog.ids {
      let saved = reopened.usage(of: id).totalTokens
      let live = tracker.usage(of: id).totalTokens
      require(saved == live, "deployment \(id.index): saved \(saved), in memory \(live)")
    }
  } catch {
    fail("the saved file does not load: \(error)")
  }
}

/// Stops the fuzzer with `message` unless `condition` holds. Unlike `precondition`, it prints
/// the message in optimized builds too.
private func require(_ condition: Bool, _ message: @autoclosure () -> String) {
  if !condition { fatalError(message()) }
}

/// Stops the fuzzer with `message`.
private func fail(_ message: String) -> Never {
  fatalError(message)
}
