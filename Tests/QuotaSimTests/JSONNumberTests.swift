import Testing

@testable import QuotaSim

@Suite struct JSONNumberTests {
  static let wholeNumbers: [(String, Int64?)] = [
    ("0", 0),
    ("-0", 0),
    ("1500", 1500),
    ("1.5e3", 1500),
    ("1500.0", 1500),
    ("1E2", 100),
    ("100e-2", 1),
    ("0.0e5", 0),
    ("9223372036854775807", .max),
    ("-9223372036854775808", .min),
    ("1.5", nil),
    ("123e-1", nil),
    ("1e400", nil),
    ("1e-400", nil),
    ("9223372036854775808", nil),
    ("-9223372036854775809", nil),
    ("1e99999999999999999999", nil),
  ]

  @Test(arguments: wholeNumbers)
  func int64ValueIsExact(text: String, expected: Int64?) {
    #expect(JSONNumber(text: text).int64Value == expected)
  }

  static let finiteNumbers: [(String, Double?)] = [
    ("2.50", 2.5),
    ("-0.125", -0.125),
    ("1e3", 1000),
    ("1e400", nil),
    ("-1e400", nil),
  ]

  @Test(arguments: finiteNumbers)
  func doubleValueIsFinite(text: String, expected: Double?) {
    #expect(JSONNumber(text: text).doubleValue == expected)
  }
}
