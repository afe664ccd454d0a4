import Foundation
import Testing

@testable import QuotaSim

@Suite struct SweepPathTests {
  static func document() throws -> JSONValue {
    try ConfigFile.parse(
      Array(
        """
        {"deployments": [{"name": "prod", "tokensPerMinute": 1000}, {"name": "dev"}],
         "policy": {"overflow": "drop"},
         "workloads": [{"name": "chat", "hourOfDayProfile": [1, 1, 1]}]}
        """.utf8), file: "test.json")
  }

  static func path(_ text: String) throws -> SweepPath { try SweepPath(parsing: text) }

  @Test func settingReplacesNamedElementField() throws {
    let updated = try Self.document().setting(
      .number("2000"), at: Self.path("deployments.prod.tokensPerMinute"))
    #expect(
      updated.value(at: ["deployments", "prod", "tokensPerMinute"])?.numberValue
        == JSONNumber(text: "2000"))
    #expect(updated.value(at: ["deployments", "dev", "tokensPerMinute"]) == nil)
  }

  @Test func settingCreatesAbsentMembers() throws {
    let updated = try Self.document().setting(
      .number("0.3"), at: Self.path("deployments.dev.azure.serviceTime.spread"))
    #expect(
      updated.value(at: ["deployments", "dev", "azure", "serviceTime", "spread"])?.numberValue
        == JSONNumber(text: "0.3"))
  }

  @Test func settingAddressesArrayElementByIndex() throws {
    let updated = try Self.document().setting(
      .number("2"), at: Self.path("workloads.chat.hourOfDayProfile.1"))
    let profile = updated.value(at: ["workloads", "chat", "hourOfDayProfile"])?.arrayValue
    #expect(profile?.map { $0.numberValue?.text } == ["1", "2", "1"])
  }

  static let invalidPaths: [(String, SweepPathError)] = [
    (
      "deployments.prdo.tokensPerMinute",
      .noElementNamed(
        path: "deployments.prdo.tokensPerMinute", array: "deployments", name: "prdo",
        suggestion: "prod")
    ),
    (
      "workloads.batch.ratePerHour",
      .noElementNamed(
        path: "workloads.batch.ratePerHour", array: "workloads", name: "batch", suggestion: nil)
    ),
    (
      "policy.overflow.defer.maxWaitSeconds",
      .notAContainer(
        path: "policy.overflow.defer.maxWaitSeconds", prefix: "policy.overflow", kind: "a string")
    ),
    (
      "deployments.5.tokensPerMinute",
      .indexOutOfRange(
        path: "deployments.5.tokensPerMinute", array: "deployments", index: 5, count: 2)
    ),
    ("deployments.prod", .endsAtArrayElement(path: "deployments.prod")),
    ("sweep.x", .sweepBlock(path: "sweep.x")),
  ]

  @Test(arguments: invalidPaths)
  func settingRejectsInvalidPaths(text: String, expected: SweepPathError) throws {
    #expect(throws: expected) { try Self.document().setting(.number("1"), at: Self.path(text)) }
  }

  @Test func pathErrorMessageSuggestsName() {
    let error = SweepPathError.noElementNamed(
      path: "deployments.prdo.tokensPerMinute", array: "deployments", name: "prdo",
      suggestion: "prod")
    #expect(
      error.description
        == "the path 'deployments.prdo.tokensPerMinute' names no deployment 'prdo' in "
        + "'deployments'. Did you mean 'prod'?")
  }

  @Test func emptySegmentIsRejected() {
    #expect(throws: SweepPathError.emptySegment(path: "policy.")) {
      try SweepPath(parsing: "policy.")
    }
  }

  /// Fields of every block a sweep must reach: the assignment, the value the scenario then
  /// has, and how to read it.
  static let reachableFields: [(String, String, @Sendable (Scenario) -> String)] = [
    ("policy.throttleThreshold=0.85", "0.85", { "\($0.policy.throttleThreshold)" }),
    ("policy.maxRetries=7", "7", { "\($0.policy.maxRetries)" }),
    (
      "policy.throttleRule=estimateWithinThreshold", "estimateWithinThreshold",
      { $0.policy.throttleRule.rawValue }
    ),
    (
      "deployments.prod.monthlyTokenQuota=50M", "50000000",
      { "\($0.catalog.deployments[0].tokenQuota ?? 0)" }
    ),
    (
      "deployments.dev.tokensPerMinute=12k", "12000",
      { "\($0.catalog.deployments[1].tokensPerMinute)" }
    ),
    (
      "deployments.prod.azure.backgroundTokensPerDay=1M", "1000000",
      {
        guard case .gateway(let quota) = $0.endpoints[0].profile else { return "standard" }
        return "\(quota.backgroundTokensPerDay)"
      }
    ),
    (
      "deployments.prod.azure.serviceTime.tokensPerSecond=90", "90.0",
      { "\($0.endpoints[0].serviceTime.tokensPerSecond)" }
    ),
    ("workloads.chat.maxTokens=300", "300", { "\($0.workloads[0].maxTokens ?? 0)" }),
    (
      "workloads.chat.ratePerMinute=1.5", "1.5",
      {
        guard case .poisson(let arrivals) = $0.workloads[0].arrivals else { return "" }
        return "\(arrivals.ratePerSecond * 60)"
      }
    ),
    ("seed=99", "99", { "\($0.seed)" }),
  ]

  @Test(arguments: reachableFields)
  func scenarioDocumentReachesField(
    assignment: String, expected: String, read: @Sendable (Scenario) -> String
  ) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let document = try StudyFixtures.document(StudyFixtures.chatModel, in: directory)
    let axis = try SweepAxis(assignment: assignment)
    let scenario = try document.scenario(with: [
      SweepSetting(path: axis.path, value: axis.values[0])
    ])
    #expect(read(scenario) == expected)
  }

  @Test func invalidSweptValueNamesItsPath() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let document = try StudyFixtures.document(StudyFixtures.chatModel, in: directory)
    let setting = SweepSetting(
      path: try SweepPath(parsing: "policy.throttleThreshold"), value: .number("1.5"))
    do {
      _ = try document.scenario(with: [setting])
      Issue.record("a throttle threshold of 1.5 was accepted")
    } catch {
      #expect(
        error.messages == [
          "\(document.file): policy.throttleThreshold: must be a fraction of the quota greater "
            + "than 0 and at most 1 (found 1.5). Write 1.5 % as the fraction 0.015."
        ])
    }
  }

  @Test func sweepBlockIsDecoded() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let text = StudyFixtures.chatModel.replacingOccurrences(
      of: #""sweep": {"policy.throttleThreshold": [0.8, 0.95]}"#,
      with:
        #""sweep": {"policy.throttleThreshold": [0.8, 0.95], "deployments.prod.monthlyTokenQuota": "50M:100M:25M", "workloads.chat.maxTokens": 100}"#
    )
    let document = try StudyFixtures.document(text, in: directory)
    #expect(
      document.loaded.sweep.map(\.path.description) == [
        "policy.throttleThreshold", "deployments.prod.monthlyTokenQuota",
        "workloads.chat.maxTokens",
      ])
    #expect(
      document.loaded.sweep[1].values.map(\.description) == ["50000000", "75000000", "100000000"])
    #expect(document.loaded.sweep[2].values == [.number("100")])
  }

  static let invalidBlocks: [(String, String)] = [
    (
      #""sweep": [0.8]"#,
      #"sweep: must be an object (found [0.8]). Write the sweep as an object from paths to values, such as {"policy.throttleThreshold": [0.85, 0.9]}."#
    ),
    (
      #""sweep": {"deployments.prdo.tokensPerMinute": [1000]}"#,
      #"sweep["deployments.prdo.tokensPerMinute"]: the path 'deployments.prdo.tokensPerMinute' names no deployment 'prdo' in 'deployments' (found [1000]). Did you mean 'prod'?"#
    ),
    (
      #""sweep": {"policy.throttleThreshold": "0.9:0.8:0.01"}"#,
      #"sweep["policy.throttleThreshold"]: the range '0.9:0.8:0.01' goes down from 0.9 to 0.8 (found "0.9:0.8:0.01"). Write the smaller value first, such as 0.80:0.99:0.01."#
    ),
    (
      #""sweep": {"policy.throttleThreshold": []}"#,
      #"sweep["policy.throttleThreshold"]: must be a non-empty array of numbers, strings or Booleans, or a string of values (found []). Write the values such as [0.85, 0.9] or "0.80:0.99:0.01"."#
    ),
    (
      #""sweep": {"policy.throttleThreshold": [0.8, {"x": 1}]}"#,
      #"sweep["policy.throttleThreshold"][1]: must be a number, a string or a Boolean (found {"x": 1}). Write the values such as [0.85, 0.9] or "0.80:0.99:0.01"."#
    ),
    (
      #""sweep": {"policy.throttleThreshold": [0.8, 0.80]}"#,
      #"sweep["policy.throttleThreshold"][1]: the value 0.8 appears twice (found 0.80). List each value once."#
    ),
  ]

  @Test(arguments: invalidBlocks)
  func invalidSweepBlockIsReported(block: String, expected: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let text = StudyFixtures.chatModel.replacingOccurrences(
      of: #""sweep": {"policy.throttleThreshold": [0.8, 0.95]}"#, with: block)
    let file = try directory.write(text, to: "model.json")
    do {
      _ = try Scenario.load(contentsOf: file)
      Issue.record("the sweep block \(block) was accepted")
    } catch {
      #expect(error.issues.map(\.description) == ["\(file.path): \(expected)"])
    }
  }

  @Test func validateSummaryListsSweepAxes() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let text = StudyFixtures.chatModel.replacingOccurrences(
      of: #""sweep": {"policy.throttleThreshold": [0.8, 0.95]}"#,
      with: #""sweep": {"policy.throttleThreshold": "0.80:0.99:0.01", "seed": [1, 2]}"#)
    let document = try StudyFixtures.document(text, in: directory)
    #expect(
      document.loaded.summary().contains(
        """
        Sweep (40 points for 'quotasim sweep'):
          policy.throttleThreshold  0.8, 0.81, 0.82, …, 0.99 (20 values)
          seed                      1, 2
        """))
  }
}
