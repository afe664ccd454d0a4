import Foundation

/// One model of a `quotasim check` command line, validated before anything runs.
struct CheckPlan {
  /// The model, with the baseline's or the command line's months applied.
  var scenario: Scenario
  /// The baseline file.
  var baselineURL: URL
  /// The baseline to compare with, or the one being replaced by `--update`.
  var baseline: Baseline?
  /// Whether the baseline is recorded rather than checked.
  var isUpdate: Bool

  /// The problems that make a command line invalid, one message each.
  struct Problems: Error {
    var messages: [String]
  }

  /// A failure while running a model or writing its baseline.
  struct Failure: Error {
    var message: String
  }

  /// Loads every model and, unless recording, its baseline; returns every problem found.
  ///
  /// The files in `catalogs`, found by ``skippedCatalogs(among:)``, get no plan. That lets
  /// `models/*.json` be checked as a whole.
  static func make(
    models: [String], skipping catalogs: Set<String>, folder: URL, isUpdate: Bool,
    overrides: ScenarioOverrides
  ) -> Result<[CheckPlan], Problems> {
    var plans: [CheckPlan] = []
    var messages: [String] = []
    for path in models where !catalogs.contains(path) {
      switch plan(for: path, folder: folder, isUpdate: isUpdate, overrides: overrides) {
      case .success(let plan):
        if let earlier = plans.first(where: { $0.scenario.name == plan.scenario.name }) {
          messages.append(
            "'\(path)' and another model are both named '\(plan.scenario.name)', so they would "
              + "share the baseline '\(ConfigFile.displayName(for: earlier.baselineURL))'; "
              + "give each model its own \"name\"")
        } else {
          plans.append(plan)
        }
      case .failure(let problems):
        messages += problems.messages
      }
    }
    return messages.isEmpty ? .success(plans) : .failure(Problems(messages: messages))
  }

  /// Returns the paths among `models` whose files are valid deployment catalogs.
  ///
  /// Any other file, such as `{}` or a JSON array, stays among the models, so that its
  /// problems are reported instead of being skipped.
  static func skippedCatalogs(among models: [String]) -> [String] {
    models.filter { path in
      let url = URL(fileURLWithPath: path)
      guard let document = try? ConfigFile.parse(contentsOf: url),
        ConfigDocumentKind.detect(document) == .catalog
      else { return false }
      return (try? DeploymentCatalog.decode(document, file: ConfigFile.displayName(for: url)))
        != nil
    }
  }

  private static func plan(
    for path: String, folder: URL, isUpdate: Bool, overrides: ScenarioOverrides
  ) -> Result<CheckPlan, Problems> {
    let modelURL = URL(fileURLWithPath: path)
    var loaded: LoadedScenario
    do throws(ConfigError) {
      loaded = try Scenario.load(contentsOf: modelURL, overrides: overrides)
    } catch {
      return .failure(Problems(messages: error.issues.map(\.description)))
    }
    let name = loaded.scenario.name
    let url = Baseline.url(forModel: name, in: folder)
    let file = ConfigFile.displayName(for: url)
    let exists = FileManager.default.fileExists(atPath: url.path)

    if isUpdate {
      let previous = exists ? try? Baseline.load(contentsOf: url) : nil
      return .success(
        CheckPlan(scenario: loaded.scenario, baselineURL: url, baseline: previous, isUpdate: true))
    }
    guard exists else {
      return .failure(
        Problems(messages: [
          "no baseline for model '\(name)' at '\(file)'; record one with 'quotasim check "
            + "\(path) --baseline \(ConfigFile.displayName(for: folder)) --update'"
        ]))
    }
    let baseline: Baseline
    do throws(ConfigError) {
      baseline = try Baseline.load(contentsOf: url)
    } catch {
      return .failure(Problems(messages: error.issues.map(\.description)))
    }
    guard baseline.model == name else {
      return .failure(
        Problems(messages: [
          "baseline '\(file)' is for model '\(baseline.model)', not '\(name)'; record it again "
            + "with --update"
        ]))
    }
    if let months = baseline.months {
      do throws(ConfigError) {
        loaded = try Scenario.load(
          contentsOf: modelURL, overrides: ScenarioOverrides(months: months))
      } catch {
        return .failure(Problems(messages: error.issues.map(\.description)))
      }
    }
    return .success(
      CheckPlan(scenario: loaded.scenario, baselineURL: url, baseline: baseline, isUpdate: false))
  }

  /// Runs the model and compares it with its baseline, or records the baseline.
  func execute(overrides: ScenarioOverrides) -> Result<BaselineCheck.Report, Failure> {
    let file = ConfigFile.displayName(for: baselineURL)
    do {
      guard isUpdate else {
        guard let baseline else { preconditionFailure("a check plan has no baseline") }
        return .success(try BaselineCheck.check(scenario, against: baseline))
      }
      let runs =
        overrides.seed == nil
        ? baseline?.runs.map { (seed: $0.seed, replication: $0.replication) } : nil
      let recorded = try BaselineCheck.record(
        scenario, months: overrides.months, runs: runs ?? [(scenario.seed, 0)],
        previous: baseline, file: file)
      try ReportFiles.write(
        [(baselineURL.lastPathComponent, recorded.text)],
        to: baselineURL.deletingLastPathComponent())
      return .success(recorded.report)
    } catch let error as SimulationSetupError {
      return .failure(Failure(message: "could not run '\(scenario.name)': \(error)."))
    } catch {
      return .failure(Failure(message: "\(error)"))
    }
  }
}
