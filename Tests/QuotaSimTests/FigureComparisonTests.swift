import Testing

@testable import QuotaSim

/// Comparing two reports figure by figure: exact counts and instants, keyed arrays, missing
/// figures, tolerance for fractional numbers and overlap for intervals.
@Suite struct FigureComparisonTests {
  static func changes(_ old: String, _ new: String) throws -> [FigureComparison.Change] {
    try FigureComparison.compare(old: JSONParser().parse(old), new: JSONParser().parse(new))
      .changes
  }

  static let report = """
    {"requests": {"served": 10, "droppedByReason": {"no_deployment": 2}},
     "deployments": [
       {"name": "prod", "periods": [
         {"period": "2026-01", "rateLimited": 5, "throttleStart": "2026-01-20T01:00:00Z"},
         {"period": "2026-02", "rateLimited": 0}]},
       {"name": "dev", "periods": [{"period": "2026-01", "rateLimited": 1}]}]}
    """

  @Test func identicalReportsHaveNoChange() throws {
    let outcome = FigureComparison.compare(
      old: try JSONParser().parse(Self.report), new: try JSONParser().parse(Self.report))
    #expect(outcome.changes == [])
    #expect(outcome.figuresCompared == 11)
  }

  @Test func changedCountNamesItsFigure() throws {
    let new = Self.report.replacingOccurrences(of: #""rateLimited": 5"#, with: #""rateLimited": 6"#)
    #expect(
      try Self.changes(Self.report, new) == [
        .init(figure: "deployments.prod.periods[2026-01].rateLimited", old: "5", new: "6")
      ])
  }

  @Test func reorderedDeploymentsMatchByName() throws {
    let old = #"{"deployments": [{"name": "a", "x": 1}, {"name": "b", "x": 2}]}"#
    let new = #"{"deployments": [{"name": "b", "x": 2}, {"name": "a", "x": 3}]}"#
    #expect(try Self.changes(old, new) == [.init(figure: "deployments.a.x", old: "1", new: "3")])
  }

  @Test func missingFigureIsAChange() throws {
    let new = Self.report.replacingOccurrences(
      of: #", "throttleStart": "2026-01-20T01:00:00Z""#, with: "")
    #expect(
      try Self.changes(Self.report, new) == [
        .init(
          figure: "deployments.prod.periods[2026-01].throttleStart",
          old: #""2026-01-20T01:00:00Z""#, new: "absent")
      ])
  }

  @Test func newPeriodIsAChange() throws {
    let old = #"{"periods": [{"period": "2026-01", "n": 1}]}"#
    let new = #"{"periods": [{"period": "2026-01", "n": 1}, {"period": "2026-02", "n": 0}]}"#
    #expect(
      try Self.changes(old, new) == [
        .init(figure: "periods[2026-02]", old: "absent", new: #"{"period":"2026-02","n":0}"#)
      ])
  }

  @Test func instantsCompareExactly() throws {
    let changes = try Self.changes(
      #"{"at": "2026-01-20T01:00:00Z"}"#, #"{"at": "2026-01-20T01:00:00.000001Z"}"#)
    #expect(changes.count == 1)
  }

  @Test func countsCompareExactly() throws {
    #expect(try Self.changes(#"{"n": 9007199254740993}"#, #"{"n": 9007199254740992}"#).count == 1)
  }

  @Test(arguments: [
    ("6.75000000000021", "6.750000000000211", 0), ("6.75", "6.76", 1), ("0.1", "0.1000000001", 0),
    ("0.1", "0.10000001", 1),
  ])
  func fractionsCompareWithinTolerance(old: String, new: String, changed: Int) throws {
    #expect(try Self.changes(#"{"cost": \#(old)}"#, #"{"cost": \#(new)}"#).count == changed)
  }

  @Test(arguments: [
    ("[10, 20]", "[19, 30]", 0), ("[10, 20]", "[20, 21]", 0), ("[10, 20]", "[21, 30]", 1),
    ("[10, 20]", "[2, 9.5]", 1), ("[10, 20]", "[12, 14]", 0),
  ])
  func intervalsCompareByOverlap(old: String, new: String, changed: Int) throws {
    func interval(_ text: String) -> String {
      let bounds = text.dropFirst().dropLast().split(separator: ",")
      return #"{"mean": 1, "lower": \#(bounds[0]), "upper": \#(bounds[1])}"#
    }
    let changes = try Self.changes(
      #"{"rate": \#(interval(old))}"#, #"{"rate": \#(interval(new))}"#)
    #expect(changes.count == changed)
  }

  @Test func disjointIntervalShowsBounds() throws {
    let changes = try Self.changes(
      #"{"rate": {"mean": 15, "lower": 10, "upper": 20}}"#,
      #"{"rate": {"mean": 25.5, "lower": 21, "upper": 30.5}}"#)
    #expect(changes == [.init(figure: "rate", old: "[10, 20]", new: "[21, 30.5]")])
  }
}
