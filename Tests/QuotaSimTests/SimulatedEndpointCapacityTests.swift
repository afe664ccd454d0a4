import Testing

@testable import QuotaSim

@Suite struct SimulatedEndpointCapacityTests {
  /// 10,000,000 TPM allows 10,000 requests per 10 s, so a request every millisecond is always
  /// admitted and the token window contains 60,000 entries.
  @Test func millionAdmissionsKeepWindowStorageBounded() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 10_000_000)
    var admitted = 0
    var capacitiesAtHalfway = (requests: 0, tokens: 0)
    for index in Int64(0)..<1_000_000 {
      if endpoint.admit(estimate: 1, at: endpointInstant(microseconds: index * 1_000)) == .admitted
      {
        admitted += 1
      }
      if index == 500_000 {
        capacitiesAtHalfway = (endpoint.requestWindowCapacity, endpoint.tokenWindowCapacity)
      }
    }
    #expect(admitted == 1_000_000)
    #expect(endpoint.requestWindowBound == 10_000)
    #expect(endpoint.tokenWindowBound == 60_000)
    #expect(endpoint.requestWindowCapacity == 10_000)
    #expect(endpoint.tokenWindowCapacity == 60_000)
    #expect(capacitiesAtHalfway.requests == endpoint.requestWindowCapacity)
    #expect(capacitiesAtHalfway.tokens == endpoint.tokenWindowCapacity)
  }

  /// At 10,000 arrivals a second, 450,000 TPM admits bursts of 450 requests every 10 s, and the
  /// token window fills to six bursts.
  @Test func saturatedWindowsStayAtTheirBound() {
    let endpoint = gpt4oEndpoint(tokensPerMinute: 450_000)
    var admitted = 0
    for index in Int64(0)..<1_000_000 {
      if endpoint.admit(estimate: 1, at: endpointInstant(microseconds: index * 100)) == .admitted {
        admitted += 1
      }
    }
    #expect(admitted == 4_500)
    #expect(endpoint.requestWindowCapacity == 450)
    #expect(endpoint.tokenWindowCapacity == 2_700)
  }
}
