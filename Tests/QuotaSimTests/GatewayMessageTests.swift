import Testing

@testable import QuotaSim

@Suite struct GatewayMessageTests {
  static let messages: [(String, Duration?)] = [
    ("Token quota is exceeded. Try again in 21 minutes and 33 seconds.", .seconds(1_293)),
    ("Token quota is exceeded. Try again in 41 seconds.", .seconds(41)),
    ("Try again in 1 day, 2 hours, 3 minutes and 4 seconds.", .seconds(93_784)),
    ("try again in 1 Hour", .seconds(3_600)),
    ("Try again in 02:03:04.", .seconds(7_384)),
    ("Try again in 00:00:00.", .zero),
    ("Quota will be replenished in 22.14:18:12.", .seconds(1_952_292)),
    ("Quota will be replenished in 00:30:02.", .seconds(1_802)),
    ("Quota will be replenished in 00:00:01.5000000.", .milliseconds(1_500)),
    ("Quota will be replenished in 2.12 days.", .seconds(183_168)),
    ("Try again in 00:10:00. Contact your administrator.", .seconds(600)),
    ("Try again in 99999999999999999999.00:00:00", RetryAfterParser.maximumDelay),
    ("Try again in 99999999999999999999 days", RetryAfterParser.maximumDelay),
    ("Try again in 24:00:00.", nil),
    ("Try again in 00:60:00.", nil),
    ("Try again in 0:10:00.", nil),
    ("Try again in 00:10.", nil),
    ("Try again in 00:10:00:00", nil),
    ("Try again in a while.", nil),
    ("Try again in -5 seconds.", nil),
    ("Try again in 5 fortnights.", nil),
    ("Try again later.", nil),
    ("Quota exceeded.", nil),
    ("", nil),
  ]

  @Test(arguments: messages)
  func replenishDelayFromMessage(message: String, expected: Duration?) {
    #expect(ResponseClassifier.replenishDelay(inMessage: message) == expected)
  }

  static let quotaCodes: [(String, Bool)] = [
    ("quota_exceeded", true),
    ("InsufficientQuota", true),
    ("TokenQuotaExceeded", true),
    ("QUO-TA", true),
    ("PermissionDenied", false),
    ("429", false),
    ("", false),
  ]

  @Test(arguments: quotaCodes)
  func quotaCodeRecognised(code: String, expected: Bool) {
    #expect(ResponseClassifier.isQuotaCode(code) == expected)
  }
}
