import Foundation
import Testing

@testable import QuotaSim

@Suite struct TraceFitTests {
  typealias F = WorkloadFixtures

  /// Four requests half an hour apart from midnight UTC on 1970-01-01.
  static let quarterRows: [TraceRow] = [
    TraceRow(offsetMicroseconds: 0, promptTokens: 100, completionTokens: 10),
    TraceRow(offsetMicroseconds: 1_800_000_000, promptTokens: 200, completionTokens: 20),
    TraceRow(offsetMicroseconds: 3_600_000_000, promptTokens: 300, completionTokens: 30),
    TraceRow(offsetMicroseconds: 5_400_000_000, promptTokens: 400, completionTokens: 40),
  ]

  static func loadConversation() throws -> TraceLoadResult {
    try TraceFile.load(contentsOf: #require(AzureTraces.conversation))
  }

  @Test func windowAddsOneMeanGap() throws {
    let fit = try TraceFit.fit(rows: Self.quarterRows, timeZone: F.utc)
    #expect(fit.windowStart == Instant.epoch)
    #expect(fit.windowEnd == Instant(microsecondsSinceEpoch: 7_200_000_000))
    #expect(fit.meanRatePerSecond == 4.0 / 7_200)
    #expect(fit.hours[0] == HourOfDayRate(hour: 0, coveredSeconds: 3_600, requests: 2))
    #expect(fit.hours[1] == HourOfDayRate(hour: 1, coveredSeconds: 3_600, requests: 2))
    #expect(fit.hours[2...].allSatisfy { $0.coveredSeconds == 0 })
    #expect(fit.hours[2...].allSatisfy { $0.requests == 0 })
    #expect(fit.hourOfDayFactors == [Double](repeating: 1, count: 24))
  }

  @Test func hourFactorsFollowLocalZone() throws {
    // Three requests in the first hour and one in the second, in New York (UTC-5 in January).
    let rows = [0, 600, 1_200, 3_600].map {
      TraceRow(offsetMicroseconds: Int64($0) * 1_000_000, promptTokens: 1, completionTokens: 1)
    }
    let origin = F.instant("2025-01-15T14:00:00Z")
    let fit = try TraceFit.fit(rows: rows, origin: origin, timeZone: F.newYork)

    // The window is 3,600 s plus a mean gap of 1,200 s: 09:00 to 10:20 local.
    #expect(fit.hours[9] == HourOfDayRate(hour: 9, coveredSeconds: 3_600, requests: 3))
    #expect(fit.hours[10] == HourOfDayRate(hour: 10, coveredSeconds: 1_200, requests: 1))
    #expect(fit.meanRatePerSecond == 4.0 / 4_800)
    #expect(fit.hourOfDayFactors[9] == (3.0 / 3_600) / (4.0 / 4_800))
    #expect(fit.hourOfDayFactors[10] == (1.0 / 1_200) / (4.0 / 4_800))
    #expect(fit.hourOfDayFactors[11] == 1)
  }

  @Test func shortCoverageKeepsFactorOne() throws {
    // A request every 10 s from 00:00:00 to 01:00:50: the window ends at 01:01:00, so hour 1
    // is covered for 60 s only.
    let rows = (0...365).map {
      TraceRow(offsetMicroseconds: Int64($0) * 10_000_000, promptTokens: 1, completionTokens: 1)
    }
    let fit = try TraceFit.fit(rows: rows, timeZone: F.utc)

    #expect(fit.hours[1] == HourOfDayRate(hour: 1, coveredSeconds: 60, requests: 6))
    #expect(fit.hours[1].ratePerSecond == nil)
    #expect(fit.hours[0].ratePerSecond == 360.0 / 3_600)
    #expect(fit.hourOfDayFactors[1] == 1)
  }

  @Test func emptyAndInstantTracesAreRejected() {
    #expect(throws: TraceFitError.emptyTrace) { try TraceFit.fit(rows: [], timeZone: F.utc) }
    let row = TraceRow(offsetMicroseconds: 5, promptTokens: 1, completionTokens: 1)
    #expect(throws: TraceFitError.zeroTimeSpan(rows: 2)) {
      try TraceFit.fit(rows: [row, row], timeZone: F.utc)
    }
    let early = TraceRow(offsetMicroseconds: 0, promptTokens: 1, completionTokens: 1)
    let late = TraceRow(
      offsetMicroseconds: 4_000 * 86_400_000_000, promptTokens: 1, completionTokens: 1)
    #expect(throws: TraceFitError.spanTooLong(days: 4_000)) {
      try TraceFit.fit(rows: [early, late], timeZone: F.utc)
    }
    #expect(
      TraceFitError.zeroTimeSpan(rows: 1).description
        == "The trace's one row arrives at one instant, so no arrival rate can be estimated. "
        + "Give a trace whose requests span some time.")
  }

  @Test func logNormalSampleIsFittedAndChosen() throws {
    let stream = try RandomStream(modelSeed: 31, replication: 0, stream: 0)
    let rows = try (0..<20_000).map { index in
      TraceRow(
        offsetMicroseconds: Int64(index) * 1_000_000,
        promptTokens: Int64(try stream.logNormal(mu: 7, sigma: 0.6).rounded()),
        completionTokens: Int64(try stream.gamma(shape: 3, scale: 60).rounded()))
    }
    let fit = try TraceFit.fit(rows: rows, timeZone: F.utc)

    guard case .logNormal(let mu, let sigma) = fit.prompt.best.distribution else {
      Issue.record("seed 31: chose \(fit.prompt.best) for a log-normal sample")
      return
    }
    #expect(abs(mu - 7) < 0.02, "seed 31: mu \(mu)")
    #expect(abs(sigma - 0.6) < 0.02, "seed 31: sigma \(sigma)")

    guard case .gamma(let shape, let scale) = fit.completion.best.distribution else {
      Issue.record("seed 31: chose \(fit.completion.best) for a gamma sample")
      return
    }
    #expect(abs(shape - 3) < 0.15, "seed 31: shape \(shape)")
    #expect(abs(shape * scale - 180) < 2, "seed 31: mean \(shape * scale)")
  }

  // s = ln k − ψ(k), with ψ(2) = 1 − γ and ψ(1/2) = −γ − 2 ln 2 (γ is Euler's constant).
  @Test(arguments: [(2.0, 0.270_362_845_461_478_2), (0.5, 1.270_362_845_461_478_2)])
  func gammaShapeSolvesLikelihoodEquation(shape: Double, s: Double) {
    #expect(abs(TokenSizeFit.gammaShape(s: s) - shape) < 1e-9)
  }

  @Test func histogramKeepsMeanAndBinLimit() throws {
    let stream = try RandomStream(modelSeed: 32, replication: 0, stream: 0)
    // A mixture with a long tail, which no single family fits.
    let sizes = try (0..<10_000).map { index in
      index % 10 == 0
        ? Int64(try stream.uniform(from: 5_000, to: 50_000))
        : Int64(try stream.uniform(from: 10, to: 500))
    }
    let fit = TokenSizeFit(observations: sizes, minimumTokens: 0)
    guard case .empirical(let bins) = fit.histogram.distribution else {
      Issue.record("the histogram is \(fit.histogram.distribution)")
      return
    }
    #expect(bins.count <= TokenSizeFit.maximumHistogramBins)
    #expect(bins.reduce(0) { $0 + $1.weight } == 10_000)
    #expect(zip(bins, bins.dropFirst()).allSatisfy { $0.upper <= $1.lower })
    #expect(
      abs(fit.histogram.mean - fit.sampleMean) / fit.sampleMean < 0.005,
      "seed 32: histogram mean \(fit.histogram.mean), sample mean \(fit.sampleMean)")
  }

  @Test func kolmogorovSmirnovOfExactAndShiftedCDF() {
    let sample = DiscreteSample([1, 2, 3, 4])
    let uniform = sample.kolmogorovSmirnovStatistic { min(max(Double($0) / 4, 0), 1) }
    #expect(uniform == 0)
    let pointMassAtZero = sample.kolmogorovSmirnovStatistic { $0 >= 0 ? 1 : 0 }
    #expect(pointMassAtZero == 1)
    let halfShifted = sample.kolmogorovSmirnovStatistic { min(max(Double($0 + 2) / 4, 0), 1) }
    #expect(halfShifted == 0.5)
  }

  @Test func workloadBlockIsExact() throws {
    let fit = try TraceFit.fit(rows: Self.quarterRows, timeZone: F.utc)
    let block = fit.workloadBlock(name: "batch \"nightly\"", deployment: "prod")
    let expected = """
      // Fitted from 4 requests from 1970-01-01T00:00:00Z to 1970-01-01T02:00:00Z (7200 s, the last request plus one mean gap).
      """
    #expect(block.hasPrefix(expected + "\n"), "\(block)")
    #expect(block.contains("\n  \"name\": \"batch \\\"nightly\\\"\",\n"))
    #expect(block.contains("\n  \"kind\": \"poisson\",\n  \"ratePerSecond\": 0.000555556,\n"))
  }

  @Test func workloadBlockJSONParses() throws {
    let fit = try TraceFit.fit(rows: Self.quarterRows, timeZone: F.utc)
    let block = fit.workloadBlock(name: "fitted", deployment: "prod")
    let json = block.split(separator: "\n").filter { !$0.hasPrefix("//") }.joined(separator: "\n")
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
    #expect(object?["name"] as? String == "fitted")
    #expect(object?["maxTokens"] is NSNull)
  }

  // The conversation trace is a public data set kept outside the repository, so these tests
  // run only where a copy is present.
  @Test(.enabled(if: AzureTraces.hasConversation, "the Azure conversation trace is not present"))
  func conversationLogNormalMatchesPublishedFit() throws {
    let loaded = try Self.loadConversation()
    let fit = try TraceFit.fit(rows: loaded.rows, origin: #require(loaded.origin), timeZone: F.utc)

    guard case .logNormal(let mu, let sigma) = fit.prompt.logNormal?.distribution else {
      Issue.record("no log-normal prompt fit")
      return
    }
    #expect(abs(mu - 6.633) <= 0.001, "prompt mu \(mu)")
    #expect(abs(sigma - 0.985) <= 0.001, "prompt sigma \(sigma)")

    guard
      case .logNormal(let completionMu, let completionSigma) = fit.completion.logNormal?
        .distribution
    else {
      Issue.record("no log-normal completion fit")
      return
    }
    #expect(abs(completionMu - 5.019) <= 0.001, "completion mu \(completionMu)")
    #expect(abs(completionSigma - 0.859) <= 0.001, "completion sigma \(completionSigma)")
  }

  @Test(.enabled(if: AzureTraces.hasConversation, "the Azure conversation trace is not present"))
  func conversationCoversHoursEighteenAndNineteen() throws {
    let loaded = try Self.loadConversation()
    let fit = try TraceFit.fit(rows: loaded.rows, origin: #require(loaded.origin), timeZone: F.utc)

    #expect(fit.hours.filter { $0.coveredSeconds > 0 }.map(\.hour) == [18, 19])
    #expect(fit.hours[18].requests + fit.hours[19].requests == 19_366)
    #expect(abs(fit.meanRatePerSecond - 5.530) < 0.001, "mean rate \(fit.meanRatePerSecond)")
    #expect(fit.prompt.best.kolmogorovSmirnov < 0.03, "prompt \(fit.prompt.best)")
    #expect(fit.completion.best.kolmogorovSmirnov < 0.03, "completion \(fit.completion.best)")
  }

  @Test(.enabled(if: AzureTraces.hasConversation, "the Azure conversation trace is not present"))
  func fittedWorkloadReproducesHourlyTokens() throws {
    let loaded = try Self.loadConversation()
    let fit = try TraceFit.fit(rows: loaded.rows, origin: #require(loaded.origin), timeZone: F.utc)
    let workload = fit.workload(name: "fitted", deployment: "prod")
    let tokens = loaded.rows.reduce(0) { $0 + $1.promptTokens + $1.completionTokens }
    let meanTokens = Double(tokens) / Double(loaded.rows.count)
    let factors = fit.hourOfDayFactors

    var ratios: [Int: [Double]] = [18: [], 19: []]
    for seed: UInt64 in 1...20 {
      let source = try F.source(
        workload, start: "2025-01-01T18:00:00Z", end: "2025-01-01T20:00:00Z", seed: seed)
      var generated: [Int: Int64] = [18: 0, 19: 0]
      while let request = source.nextOpenLoopRequest() {
        generated[F.localHour(of: request.arrival, in: F.utc), default: 0] +=
          request.promptTokens + request.completionTokens
      }
      for hour in [18, 19] {
        let expected = fit.meanRatePerSecond * factors[hour] * 3_600 * meanTokens
        ratios[hour, default: []].append(Double(generated[hour, default: 0]) / expected)
      }
    }

    for hour in [18, 19] {
      let ratioList = ratios[hour, default: []]
      let mean = ratioList.reduce(0, +) / Double(ratioList.count)
      #expect(abs(mean - 1) < 0.02, "hour \(hour), seeds 1...20: ratios \(ratioList)")
    }
  }
}

/// The zone name in the comments of `quotasim fit`.
@Suite struct TraceFitZoneNameTests {
  @Test(arguments: [[], ["--time-zone", "UTC"]])
  func utcIsNamedAsWritten(options: [String]) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let trace = try directory.write(
      "timestamp,prompt_tokens,completion_tokens\n0,100,10\n60,200,20\n120,300,30\n",
      to: "trace.csv")

    let result = QuotaSimCommandLine.tool.run(["fit", trace.path] + options)

    #expect(result.status == .success)
    #expect(result.standardOutput.contains("Hours of day in UTC, with the seconds"))
  }
}
