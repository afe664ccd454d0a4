/// Finds the smallest purchasable value of a deployment's monthly quota or TPM that meets
/// targets for quota exhaustion and dropped requests.
///
/// Candidates are the multiples of the step up to the ceiling. The search is a bisection
/// over that grid, so it assumes that more quota or TPM never makes the figures worse.
/// Every candidate runs the same replications with the same random streams (common random
/// numbers), which makes that assumption hold far more often than independent draws would,
/// and makes the cost difference between two candidates a paired comparison.
///
/// NOTE: A figure that is not monotone in the value, for example through a fallback whose
/// own limits change which requests are dropped, can make the bisection miss a smaller
/// passing value. Every evaluated value is in the result, so the evidence shows the grid
/// points it rests on.
public struct QuotaPlanner: Sendable {
  /// The model.
  public var document: ScenarioDocument
  /// The question.
  public var request: PlanRequest

  public init(document: ScenarioDocument, request: PlanRequest) {
    self.document = document
    self.request = request
  }

  /// The maximum number of candidates a search evaluates: the model's value, the ceiling and one per
  /// halving of the grid.
  public var maximumEvaluations: Int {
    let grid = request.ceiling / request.step
    return 2 + (Int64.bitWidth - grid.leadingZeroBitCount)
  }

  /// Searches the grid and returns the recommendation with its evidence.
  ///
  /// - Parameter finished: Called after each replication, on the thread that ran it.
  /// - Throws: ``PlanError`` when a candidate's scenario does not decode or a run cannot be
  ///   set up.
  public func plan(finished: @escaping @Sendable () -> Void = {}) throws(PlanError) -> PlanResult {
    let current = try evaluate(nil, finished: finished)
    let gridSize = request.ceiling / request.step
    let currentIndex = current.value.flatMap { value -> Int64? in
      let onGrid = value % request.step == 0 && (1...gridSize).contains(value / request.step)
      return onGrid ? value / request.step : nil
    }
    var evaluated: [Int64: PlanCandidate] = [:]
    if let currentIndex { evaluated[currentIndex] = current }
    func passes(_ index: Int64) throws(PlanError) -> Bool {
      if let known = evaluated[index] { return known.meetsTargets }
      let candidate = try evaluate(index * request.step, finished: finished)
      evaluated[index] = candidate
      return candidate.meetsTargets
    }

    guard try passes(gridSize) else {
      return result(current: current, evaluated: evaluated, recommendation: nil)
    }

    // Bisect between the largest grid index known to fail (0 stands for no quota or TPM at
    // all) and the smallest known to pass, starting from the model's value when it is on the grid.
    var failing: Int64 = 0
    var passing = gridSize
    if let currentIndex, currentIndex < gridSize {
      if current.meetsTargets { passing = currentIndex } else { failing = currentIndex }
    }
    while passing - failing > 1 {
      let middle = failing + (passing - failing) / 2
      if try passes(middle) { passing = middle } else { failing = middle }
    }
    return result(
      current: current, evaluated: evaluated, recommendation: passing * request.step)
  }

  private func result(
    current: PlanCandidate, evaluated: [Int64: PlanCandidate], recommendation: Int64?
  ) -> PlanResult {
    var candidates = evaluated.values.filter { $0.value != current.value }
    candidates.append(current)
    candidates.sort { ($0.value ?? -1) < ($1.value ?? -1) }

    var costChange: MeanEstimate?
    if let recommendation, let chosen = candidates.first(where: { $0.value == recommendation }) {
      costChange = MeanEstimate(
        of: zip(chosen.replicationCosts, current.replicationCosts).map { $0 - $1 })
    }
    let scenario = document.loaded.scenario
    return PlanResult(
      model: scenario.name, seed: scenario.seed, deployment: request.deployment,
      quantity: request.quantity, step: request.step, ceiling: request.ceiling,
      targets: request.targets, replications: request.replications,
      currentValue: current.value, recommendation: recommendation, costChange: costChange,
      notes: notes()
        + dropNotes(
          current: current, chosen: candidates.first { $0.value == recommendation }),
      candidates: candidates)
  }

  /// Returns a note when, without a drop target, the recommendation drops clearly more
  /// requests than the model's value.
  ///
  /// Exhaustion alone counts neither the requests that the client's throttle drops in a
  /// quota plan nor those that end after 429 responses in a TPM plan.
  private func dropNotes(current: PlanCandidate, chosen: PlanCandidate?) -> [String] {
    guard request.targets.maxDropRate == nil, let chosen,
      let chosenLower = chosen.dropRate.lower, let currentUpper = current.dropRate.upper,
      let chosenMean = chosen.dropRate.mean, let currentMean = current.dropRate.mean,
      chosenLower > currentUpper
    else { return [] }
    let percent = { (value: Double) in String(format: "%.2f %%", value * 100) }
    let reason =
      switch request.quantity {
      case .monthlyTokenQuota:
        "the exhaustion target does not count the requests the client's throttle drops; add "
          + "--max-drop-rate to size the quota for the traffic"
      case .tokensPerMinute:
        "the exhaustion target does not count dropped requests; add --max-drop-rate to size "
          + "tokensPerMinute for the traffic"
      }
    return [
      "at the recommended value \(percent(chosenMean)) of requests are dropped, against "
        + "\(percent(currentMean)) at the model's value, because \(reason)"
    ]
  }

  /// Runs the replications of one value, or of the model as written for `nil`.
  private func evaluate(_ value: Int64?, finished: @escaping @Sendable () -> Void)
    throws(PlanError) -> PlanCandidate
  {
    let scenario: Scenario
    if let value {
      do throws(SweepPointError) {
        scenario = try document.scenario(with: [setting(value)])
      } catch {
        throw .invalidCandidate(value: value, error)
      }
    } else {
      scenario = document.loaded.scenario
    }
    let results: [TaskResult]
    do throws(SimulationSetupError) {
      results = try StudyRunner(
        scenarios: [scenario], replications: request.replications, jobs: request.jobs
      ).run(Array(0..<request.replications), finished: finished)
    } catch {
      throw .setup(error)
    }
    return candidate(value: value ?? currentValue, isCurrent: value == nil, results.map(\.result))
  }

  private func candidate(value: Int64?, isCurrent: Bool, _ results: [RunResult]) -> PlanCandidate {
    let summary = ReplicationSummary(results)
    let periods = summary.deployments.first { $0.name == request.deployment }?.periods ?? []
    let worst = periods.max {
      upperBound($0.exhaustion.fraction) < upperBound($1.exhaustion.fraction)
    }
    let exhaustion =
      worst?.exhaustion.fraction ?? MeanEstimate(count: 0, mean: nil, lower: nil, upper: nil)
    let dropRate =
      summary.figures["dropRate"] ?? MeanEstimate(count: 0, mean: nil, lower: nil, upper: nil)
    var meets = true
    if let limit = request.targets.maxExhaustionProbability {
      meets = meets && upperBound(exhaustion) <= limit
    }
    if let limit = request.targets.maxDropRate {
      meets = meets && upperBound(dropRate) <= limit
    }
    return PlanCandidate(
      value: value, isCurrent: isCurrent, exhaustionProbability: exhaustion,
      exhaustionPeriod: worst?.period, dropRate: dropRate,
      costUSD: summary.figures["costUSD"]
        ?? MeanEstimate(count: 0, mean: nil, lower: nil, upper: nil),
      meetsTargets: meets, replicationCosts: results.map(\.costUSD))
  }

  /// Returns the upper end of the interval; a figure no replication defines counts as 0.
  private func upperBound(_ estimate: MeanEstimate) -> Double {
    estimate.upper ?? estimate.mean ?? 0
  }

  /// Returns the setting of the planned field to `value`.
  private func setting(_ value: Int64) -> SweepSetting {
    SweepSetting(path: path, value: .number(String(value)))
  }

  private var path: SweepPath {
    SweepPath(segments: ["deployments", request.deployment, request.quantity.rawValue])
  }

  /// The model's value of the quantity, or `nil` when the deployment has no monthly quota.
  public var currentValue: Int64? {
    guard
      let deployment = document.loaded.scenario.catalog.deployments.first(where: {
        $0.name == request.deployment
      })
    else { return nil }
    switch request.quantity {
    case .monthlyTokenQuota: return deployment.tokenQuota
    case .tokensPerMinute: return deployment.tokensPerMinute
    }
  }

  private func notes() -> [String] {
    let azure = ["deployments", request.deployment, "azure"]
    var notes: [String] = []
    if request.quantity == .monthlyTokenQuota,
      let written = document.document.value(at: azure + ["gatewayTokenQuota"])
    {
      notes.append(
        "azure.gatewayTokenQuota is written in the model (\(written.summary)), so the "
          + "gateway's quota stays at that value while the plan changes the client's "
          + "monthlyTokenQuota")
    }
    if request.quantity == .tokensPerMinute,
      document.document.value(at: ["deployments", request.deployment, "requestsPerMinute"]) != nil
    {
      notes.append(
        "requestsPerMinute is written in the model, so RPM stays at that value while the "
          + "plan changes tokensPerMinute")
    }
    return notes
  }
}

/// A planning search that could not run.
public enum PlanError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The model with a candidate value does not decode.
  case invalidCandidate(value: Int64, SweepPointError)
  /// A run could not be set up.
  case setup(SimulationSetupError)

  public var description: String {
    switch self {
    case .invalidCandidate(let value, let error):
      "the model with the candidate value \(value) is invalid: \(error.description)"
    case .setup(let error):
      "could not start the simulation: \(error.description)"
    }
  }
}
