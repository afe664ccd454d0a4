import Testing

@testable import QuotaSim

@Suite struct HTTPHeadersTests {
  @Test func lookupIgnoresCase() {
    let headers: HTTPHeaders = ["Retry-After-Ms": "1500"]
    #expect(headers["retry-after-ms"] == "1500")
    #expect(headers["RETRY-AFTER-MS"] == "1500")
  }

  @Test func firstRepeatedFieldWins() {
    let headers = HTTPHeaders([("retry-after", "2"), ("Retry-After", "9")])
    #expect(headers["retry-after"] == "2")
  }

  @Test func missingFieldIsNil() {
    let headers: HTTPHeaders = ["retry-after": "2"]
    #expect(headers["retry-after-ms"] == nil)
  }

  @Test func namesDifferingOnlyInLengthDoNotMatch() {
    let headers: HTTPHeaders = ["retry-after-ms": "1500"]
    #expect(headers["retry-after"] == nil)
  }

  @Test func appendedFieldComesAfterExistingOne() {
    var headers: HTTPHeaders = ["retry-after": "2"]
    headers.append(name: "RETRY-AFTER", value: "5")
    #expect(headers["retry-after"] == "2")
    #expect(headers.fields.count == 2)
  }

  @Test func iterationKeepsOrderAndSpelling() {
    let headers = HTTPHeaders([("B-Header", "1"), ("a-header", "2")])
    let pairs = headers.map { "\($0.name)=\($0.value)" }
    #expect(pairs == ["B-Header=1", "a-header=2"])
  }

  @Test func equalityComparesFieldsInOrder() {
    let first = HTTPHeaders([("a", "1"), ("b", "2")])
    let swapped = HTTPHeaders([("b", "2"), ("a", "1")])
    #expect(first == HTTPHeaders([("a", "1"), ("b", "2")]))
    #expect(first != swapped)
  }
}
