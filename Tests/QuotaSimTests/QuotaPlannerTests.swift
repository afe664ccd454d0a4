import Foundation
import Testing

@testable import QuotaSim

/// The planner on models whose answer can be worked out by hand.
@Suite struct QuotaPlannerTests {
  private func plan(
    _ model: String, quantity: PlanQuantity = .monthlyTokenQuota, step: Int64 = 1_000,
    ceiling: Int64, targets: PlanTargets
  ) throws -> PlanResult {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let document = try StudyFixtures.document(model, in: directory)
    let request = PlanRequest(
      deployment: "prod", quantity: quantity, step: step, ceiling: ceiling, targets: targets,
      replications: 2, jobs: 2)
    return try QuotaPlanner(document: document, request: request).plan()
  }

  @Test func quotaThatNeverRunsOutIsOneStepAboveDemand() throws {
    // 1,000 requests of 150 tokens use 150,000 tokens. With the throttle at 100 % every
    // request is admitted while less than the quota is used, so a quota of exactly 150,000
    // is reached (the client's count hits 100 %) and 151,000 is the first that is not.
    let result = try plan(
      StudyFixtures.deterministicScans(quota: "100k", throttle: 1.0), ceiling: 400_000,
      targets: PlanTargets(maxExhaustionProbability: 0))
    #expect(result.recommendation == 151_000)
    #expect(result.currentValue == 100_000)
    let exhausted = result.candidates.first { $0.value == 150_000 }
    #expect(exhausted?.exhaustionProbability == MeanEstimate(count: 2, mean: 1, lower: 1, upper: 1))
    #expect(exhausted?.meetsTargets == false)
  }

  @Test func quotaWithoutDropsClearsTheThrottle() throws {
    // With the throttle at 95 %, request k (from 0) is admitted only while 150 × k tokens
    // are below 0.95 × quota. All 1,000 are admitted when 149,850 < 0.95 × quota, that is
    // quota > 157,736.8, so 158,000 is the smallest multiple of 1,000 without drops.
    let result = try plan(
      StudyFixtures.deterministicScans(quota: "200k", throttle: 0.95), ceiling: 1_000_000,
      targets: PlanTargets(maxExhaustionProbability: 0, maxDropRate: 0))
    #expect(result.recommendation == 158_000)
    #expect(result.candidates.first { $0.value == 157_000 }?.meetsTargets == false)
    // Fewer tokens are bought at 158,000 than at the model's 200,000, but every request is
    // served at both, so the cost does not change.
    #expect(result.costChange == MeanEstimate(count: 2, mean: 0, lower: 0, upper: 0))
  }

  @Test func tokensPerMinuteAdmitsTheWholeBurst() throws {
    // Ten requests arrive at once, each counted as 500 + 500 tokens in the TPM window and
    // never retried: 10,000 TPM admits all ten (and its 60 RPM allows ten requests in
    // 10 seconds), while 9,000 TPM admits nine.
    let result = try plan(
      StudyFixtures.burstModel, quantity: .tokensPerMinute, ceiling: 50_000,
      targets: PlanTargets(maxDropRate: 0))
    #expect(result.recommendation == 10_000)
    #expect(result.candidates.first { $0.value == 9_000 }?.dropRate.mean == 0.1)
  }

  @Test func nothingUpToCeilingGivesNoRecommendation() throws {
    let result = try plan(
      StudyFixtures.deterministicScans(quota: "100k", throttle: 1.0), ceiling: 140_000,
      targets: PlanTargets(maxExhaustionProbability: 0))
    #expect(result.recommendation == nil)
    #expect(result.costChange == nil)
    #expect(result.candidates.map(\.value) == [100_000, 140_000])
  }

  @Test func planCommandExitsOneWithoutRecommendation() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(
      StudyFixtures.deterministicScans(quota: "100k", throttle: 1.0), to: "model.json")
    let result = QuotaSimCommandLine.tool.run([
      "plan", model.path, "--deployment", "prod", "--step", "10k", "--ceiling", "140k",
      "--max-exhaustion-probability", "0", "-r", "2", "--output", directory.url.path,
    ])
    #expect(result.status == .failure)
    #expect(result.standardError == "")
    #expect(
      result.standardOutput.contains(
        "No value up to the ceiling of 140,000 tokens a month meets the targets. The model's "
          + "value is 100,000 tokens a month. Raise --ceiling, or relax the targets."))
  }

  @Test func planCommandPrintsRecommendation() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(
      StudyFixtures.deterministicScans(quota: "100k", throttle: 1.0), to: "model.json")
    let result = QuotaSimCommandLine.tool.run([
      "plan", model.path, "--deployment", "prod", "--step", "10k",
      "--max-exhaustion-probability", "0", "-r", "2", "--output", directory.url.path,
    ])
    #expect(result.status == .success)
    #expect(
      result.standardOutput.contains(
        "Recommendation: monthlyTokenQuota 160,000 tokens a month (model: 100,000 tokens a "
          + "month; +60,000, +60.0 %)."))
  }
}

/// Tests of a plan's targets: the defaults, and an exhaustion target that cannot choose
/// a useful value.
@Suite struct PlanTargetTests {
  private let tool = QuotaSimCommandLine.tool

  @Test func exhaustionTargetAloneNotesDrops() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // With the throttle at 95 % the client uses up only the smallest quotas, so a tiny quota
    // meets the exhaustion target while the throttle drops almost every request.
    let document = try StudyFixtures.document(
      StudyFixtures.deterministicScans(quota: "200k", throttle: 0.95), in: directory)
    let request = PlanRequest(
      deployment: "prod", quantity: .monthlyTokenQuota, step: 1_000, ceiling: 400_000,
      targets: PlanTargets(maxExhaustionProbability: 0.05), replications: 2, jobs: 2)

    let result = try QuotaPlanner(document: document, request: request).plan()

    #expect(result.recommendation == 2_000)
    #expect(
      result.notes == [
        "at the recommended value 98.70 % of requests are dropped, against 0.00 % at the "
          + "model's value, because the exhaustion target does not count the requests the "
          + "client's throttle drops; add --max-drop-rate to size the quota for the traffic"
      ])
  }

  @Test func exhaustionTargetAloneOnTPMNotesDrops() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // The deployment has no quota, so every TPM meets the exhaustion target, while each
    // 1,000 TPM below 10,000 drops one more of the ten burst requests after a 429.
    let document = try StudyFixtures.document(StudyFixtures.burstModel, in: directory)
    let request = PlanRequest(
      deployment: "prod", quantity: .tokensPerMinute, step: PlanQuantity.tokensPerMinuteStep,
      ceiling: 50_000, targets: PlanTargets(maxExhaustionProbability: 0.05), replications: 2,
      jobs: 2)

    let result = try QuotaPlanner(document: document, request: request).plan()

    #expect(result.recommendation == 1_000)
    #expect(
      result.notes == [
        "at the recommended value 90.00 % of requests are dropped, against 50.00 % at the "
          + "model's value, because the exhaustion target does not count dropped requests; "
          + "add --max-drop-rate to size tokensPerMinute for the traffic"
      ])
  }

  @Test func quotaPlanWithoutTargetsAlsoLimitsDrops() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let model = try directory.write(
      StudyFixtures.deterministicScans(quota: "200k", throttle: 0.95), to: "model.json")
    let output = directory.url.appendingPathComponent("output").path

    let result = tool.run([
      "plan", model.path, "--deployment", "prod", "--step", "1k", "--ceiling", "400k",
      "--replications", "2", "--quiet", "--output", output,
    ])

    #expect(result.status == .success)
    #expect(
      result.standardOutput.contains(
        "Targets at the upper end of 95 % intervals over 2 replications: the quota runs out "
          + "before a period ends in at most 5.00 % of replications, in every period; at most "
          + "1.00 % of requests dropped."))
    // Request k (from 0) of the 1,000 is served while 150 × k tokens are below 0.95 × quota.
    // At most 1 % dropped means 990 served, so 148,350 < 0.95 × quota: 157,000 on the grid.
    #expect(result.standardOutput.contains("Recommendation: monthlyTokenQuota 157,000 tokens"))
  }
}

/// The plan page's chart when the model already has the recommended value.
@Suite struct PlanChartTests {
  @Test func recommendationAtModelValueDrawsOneLine() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    // 158,000 is the smallest quota without drops for this model (see QuotaPlannerTests).
    let document = try StudyFixtures.document(
      StudyFixtures.deterministicScans(quota: "158k", throttle: 0.95), in: directory)
    let request = PlanRequest(
      deployment: "prod", quantity: .monthlyTokenQuota, step: 1_000, ceiling: 1_000_000,
      targets: PlanTargets(maxExhaustionProbability: 0, maxDropRate: 0), replications: 2,
      jobs: 2)
    let result = try QuotaPlanner(document: document, request: request).plan()

    let page = HTMLReport.plan(result)

    #expect(result.recommendation == 158_000)
    #expect(result.currentValue == 158_000)
    #expect(page.contains("recommended 158,000, the model&#39;s value"))
    #expect(!page.contains("model&#39;s value 158,000"))
  }
}
