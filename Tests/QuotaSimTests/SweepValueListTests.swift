import Testing

@testable import QuotaSim

@Suite struct SweepValueListTests {
  static let parsedLists: [(String, [String])] = [
    ("0.85,0.9,0.95", ["0.85", "0.9", "0.95"]),
    ("50M,75M,100M", ["50000000", "75000000", "100000000"]),
    ("1.5k,2K,1G", ["1500", "2000", "1000000000"]),
    ("0.80:0.84:0.01", ["0.8", "0.81", "0.82", "0.83", "0.84"]),
    ("50M:100M:25M", ["50000000", "75000000", "100000000"]),
    ("0.8:0.9:0.05,0.99", ["0.8", "0.85", "0.9", "0.99"]),
    ("1:2:0.3", ["1", "1.3", "1.6", "1.9"]),
    ("1e3,-2,0", ["1000", "-2", "0"]),
    ("gateway,standard", ["gateway", "standard"]),
    ("01:00", ["01:00"]),
  ]

  @Test(arguments: parsedLists)
  func parsesValues(text: String, expected: [String]) throws {
    #expect(try SweepValueList.parse(text).map(\.description) == expected)
  }

  @Test func rangeOfTwentyStepsIsExact() throws {
    let values = try SweepValueList.parse("0.80:0.99:0.01")
    #expect(values.count == 20)
    #expect(values[3] == .number("0.83"))
    #expect(values.last == .number("0.99"))
  }

  @Test func wordsBecomeStringsAndBooleans() throws {
    #expect(
      try SweepValueList.parse("drop,true,false") == [.string("drop"), .bool(true), .bool(false)])
  }

  static let invalidLists: [(String, SweepValueError)] = [
    ("0.8,,0.9", .emptyItem(list: "0.8,,0.9")),
    ("0.8,", .emptyItem(list: "0.8,")),
    ("0.8:0.9", .rangeNeedsStep("0.8:0.9")),
    ("0:1:0", .rangeStepNotPositive("0:1:0")),
    ("0:1:-0.1", .rangeStepNotPositive("0:1:-0.1")),
    ("0.9:0.8:0.01", .rangeGoesDown("0.9:0.8:0.01", start: "0.9", end: "0.8")),
    ("0:20000:1", .tooManyValues(list: "0:20000:1", limit: 10_000)),
    ("0.9,0.90", .repeatedValue("0.9")),
    ("1:9G:1e-10", .rangeTooPrecise("1:9G:1e-10")),
  ]

  @Test(arguments: invalidLists)
  func rejectsInvalidLists(text: String, expected: SweepValueError) {
    #expect(throws: expected) { try SweepValueList.parse(text) }
  }

  @Test func errorDescriptionCarriesValueAndFix() {
    #expect(
      SweepValueError.rangeGoesDown("0.9:0.8:0.01", start: "0.9", end: "0.8").description
        == "the range '0.9:0.8:0.01' goes down from 0.9 to 0.8. Write the smaller value "
        + "first, such as 0.80:0.99:0.01.")
  }

  static let assignments: [(String, SweepAxisError)] = [
    (
      "policy.throttleThreshold",
      .missingEquals("policy.throttleThreshold")
    ),
    ("=0.9", .missingEquals("=0.9")),
    ("policy.throttleThreshold=", .missingValues("policy.throttleThreshold=")),
    (
      "policy..throttleThreshold=0.9",
      .path("policy..throttleThreshold=0.9", .emptySegment(path: "policy..throttleThreshold"))
    ),
  ]

  @Test(arguments: assignments)
  func rejectsInvalidAssignments(text: String, expected: SweepAxisError) {
    #expect(throws: expected) { try SweepAxis(assignment: text) }
  }

  @Test func combiningReplacesModelAxisOfSamePath() throws {
    let model = [
      try SweepAxis(assignment: "policy.throttleThreshold=0.8,0.9"),
      try SweepAxis(assignment: "deployments.prod.tokensPerMinute=10k,20k"),
    ]
    let commandLine = [
      try SweepAxis(assignment: "deployments.prod.tokensPerMinute=30k"),
      try SweepAxis(assignment: "seed=1,2"),
    ]
    let combined = SweepAxis.combining(model, with: commandLine)
    #expect(
      combined.map(\.path.description) == [
        "policy.throttleThreshold", "deployments.prod.tokensPerMinute", "seed",
      ])
    #expect(combined[1].values == [.number("30000")])
  }

  @Test func planEnumeratesFirstAxisSlowest() throws {
    let plan = try SweepPlan(axes: [
      try SweepAxis(assignment: "a=1,2"), try SweepAxis(assignment: "b=x,y,z"),
    ])
    #expect(plan.pointCount == 6)
    #expect(plan.settings(ofPoint: 0).map(\.description) == ["a=1", "b=x"])
    #expect(plan.settings(ofPoint: 2).map(\.description) == ["a=1", "b=z"])
    #expect(plan.settings(ofPoint: 3).map(\.description) == ["a=2", "b=x"])
  }

  @Test func planRejectsTooManyPoints() throws {
    let axis = try SweepAxis(assignment: "a=1:1000:1")
    #expect(throws: SweepPlanError.tooManyPoints(sizes: [1_000, 1_000], limit: 100_000)) {
      try SweepPlan(axes: [axis, axis])
    }
  }

  static let shards: [(String, ShardSpec?)] = [
    ("1/3", ShardSpec(index: 1, count: 3)), ("3/3", ShardSpec(index: 3, count: 3)),
    ("4/3", nil), ("0/3", nil), ("1/0", nil), ("3", nil), ("a/b", nil), ("-1/3", nil),
    ("1/3/4", nil), ("", nil), ("1/100001", nil),
  ]

  @Test(arguments: shards)
  func shardParsing(text: String, expected: ShardSpec?) {
    #expect(ShardSpec(parsing: text) == expected)
  }

  @Test func shardsDealTasksInTurn() {
    #expect(ShardSpec(index: 2, count: 3).tasks(of: 10) == [1, 4, 7])
    #expect(ShardSpec(index: 3, count: 3).tasks(of: 2) == [])
  }
}
