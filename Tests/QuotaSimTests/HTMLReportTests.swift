import Foundation
import Testing

@testable import QuotaSim

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Checks text for well-formed XML with Foundation's parser (libxml2 on Linux).
private enum WellFormedness {
  /// Returns `nil` when `text` is well-formed XML, or the parser's error with its line.
  static func check(_ text: String) -> String? {
    let parser = XMLParser(data: Data(text.utf8))
    if parser.parse() { return nil }
    return "line \(parser.lineNumber): \(parser.parserError.map { "\($0)" } ?? "unknown error")"
  }

  /// Returns every `<svg …>…</svg>` element of `html`.
  static func svgElements(of html: String) -> [String] {
    var elements: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<svg "),
      let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
    {
      elements.append(String(rest[start.lowerBound..<end.upperBound]))
      rest = rest[end.upperBound...]
    }
    return elements
  }
}

/// A low-rate chat model over twelve months whose small monthly quotas reach the alerts and
/// the throttle every month, and whose fallback sees 429s, so that every chart has data.
private let yearModel = """
  {
    "name": "year-chat",
    "start": "2026-01-01T00:00:00Z",
    "horizonMonths": 12,
    "seed": 5,
    "deployments": [
      {"name": "prod", "model": "gpt-4o", "tokensPerMinute": 2000, "monthlyTokenQuota": "150k",
       "promptPricePerMillion": 2.5, "completionPricePerMillion": 10, "fallbacks": ["dev"],
       "azure": {"profile": "gateway"}},
      {"name": "dev", "model": "gpt-4o", "tokensPerMinute": 1000, "monthlyTokenQuota": "50k",
       "promptPricePerMillion": 2.5, "completionPricePerMillion": 10,
       "azure": {"profile": "gateway"}}
    ],
    "workloads": [
      {"name": "chat", "deployment": "prod", "kind": "poisson", "ratePerHour": 2,
       "promptTokens": {"logNormal": {"mu": 5, "sigma": 0.5}},
       "completionTokens": {"logNormal": {"mu": 4, "sigma": 0.5}}, "maxTokens": 200}
    ]
  }
  """

@Suite("HTMLReport")
struct HTMLReportTests {
  private static func yearResults(replications: Int) throws -> [RunResult] {
    let directory = try TemporaryDirectory()
    let document = try StudyFixtures.document(yearModel, in: directory)
    var runner = StudyRunner(
      scenarios: [document.loaded.scenario], replications: replications, jobs: 2)
    runner.recordsSeries = true
    return try runner.run(Array(0..<replications)).map(\.result)
  }

  @Test func yearOfReplicationsIsWellFormedAndSmall() throws {
    let results = try Self.yearResults(replications: 10)
    let html = HTMLReport.run(results)
    #expect(html.utf8.count < 2_000_000)
    #expect(WellFormedness.check(html) == nil)
    let svgs = WellFormedness.svgElements(of: html)
    #expect(svgs.count == 7)
    for svg in svgs {
      #expect(WellFormedness.check(svg) == nil)
    }
    #expect(html.contains("5–95 % of 10 replications"))
    #expect(html.contains("throttle started"))
  }

  @Test func singleRunReportIsWellFormed() throws {
    let results = try Self.yearResults(replications: 1)
    let html = HTMLReport.run(results)
    #expect(WellFormedness.check(html) == nil)
    for svg in WellFormedness.svgElements(of: html) {
      #expect(WellFormedness.check(svg) == nil)
    }
    #expect(html.contains("alert fired"))
  }

  @Test func seriesCoverEveryHourAndDay() throws {
    let result = try #require(try Self.yearResults(replications: 1).first)
    let series = try #require(result.series)
    #expect(series.deployments.count == 2)
    #expect(series.deployments[0].tokensPerHour.count == 8_760)
    #expect(series.deployments[0].rateLimitedPerDay.count == 365)
    #expect(series.deployments[0].busiestDayTokensPerMinute.count == 1_440)
    let served = result.deployments[0].periods.reduce(Int64(0)) { $0 + $1.totalTokens }
    #expect(series.deployments[0].tokensPerHour.reduce(0, +) == served)
    let refused = result.deployments[1].periods.reduce(Int64(0)) { $0 + $1.quotaRefused }
    #expect(series.deployments[1].quotaRefusedPerDay.reduce(0, +) == refused)
  }

  @Test func runWithoutSeriesEncodesNoSeriesKey() throws {
    let directory = try TemporaryDirectory()
    let document = try StudyFixtures.document(StudyFixtures.chatModel, in: directory)
    let result = try SimulationRun(scenario: document.loaded.scenario).run()
    #expect(result.series == nil)
    #expect(!RunReport.json(result).contains("\"series\""))
  }

  @Test func sweepReportIsWellFormed() throws {
    let directory = try TemporaryDirectory()
    let document = try StudyFixtures.document(StudyFixtures.chatModel, in: directory)
    let axes = document.loaded.sweep
    let study = StudyDescriptor(
      kind: .sweep, model: "study-chat", modelDigest: document.digest, seed: 3, months: nil,
      replications: 2, axes: axes, deployment: nil)
    let plan = try SweepPlan(axes: axes)
    let scenarios = try (0..<plan.pointCount).map {
      try document.scenario(with: plan.settings(ofPoint: $0))
    }
    let results = try StudyRunner(scenarios: scenarios, replications: 2, jobs: 2)
      .run(Array(0..<study.taskCount))
    let html = HTMLReport.sweep(SweepResult(study: study, results: results))
    #expect(WellFormedness.check(html) == nil)
    #expect(WellFormedness.svgElements(of: html).count == 5)
  }
}
