import Foundation

/// A response from Azure OpenAI or a gateway in front of it, reduced to what the limiter reads.
public struct UpstreamResponse: Sendable, Equatable {
  /// The HTTP status code.
  public var status: Int
  /// The response headers.
  public var headers: HTTPHeaders
  /// The structured error code: `error.code` of an Azure or OpenAI error body, else a top-level
  /// `code`. A numeric code is given in decimal, such as `"429"`.
  public var errorCode: String?
  /// The error text: `error.message`, else a top-level `message`, else `error` when the body
  /// gives it as a plain string.
  public var errorMessage: String?
  /// The token usage of a successful response, or `nil` when the body had none.
  public var usage: TokenUsage?
  /// The top-level `statusCode` number of the body, which Azure API Management puts in the
  /// errors its policies return, such as `{"statusCode":403,"message":"…"}`.
  public var bodyStatusCode: Int?

  /// Creates a response from fields already extracted.
  public init(
    status: Int, headers: HTTPHeaders = [:], errorCode: String? = nil,
    errorMessage: String? = nil, usage: TokenUsage? = nil, bodyStatusCode: Int? = nil
  ) {
    self.status = status
    self.headers = headers
    self.errorCode = errorCode
    self.errorMessage = errorMessage
    self.usage = usage
    self.bodyStatusCode = bodyStatusCode
  }

  /// Creates a response and reads the error fields and usage from a JSON body.
  ///
  /// The body is read leniently. It may be an Azure or OpenAI error
  /// (`{"error":{"code":…,"message":…}}`), a body with top-level `code` and `message`, an API
  /// Management error (`{"statusCode":403,"message":…}`) or a success with `usage`. A field
  /// of an unexpected type is left `nil` while the others are still read, and a body that is
  /// missing, empty or not a JSON object leaves every field `nil`. Usage follows
  /// ``TokenUsage``'s rules: a null count is zero and a missing total is prompt + completion.
  public init(status: Int, headers: HTTPHeaders = [:], body: Data?) {
    let parsed = body.flatMap { try? JSONDecoder().decode(ResponseBody.self, from: $0) }
    self.init(
      status: status, headers: headers, errorCode: parsed?.errorCode,
      errorMessage: parsed?.errorMessage, usage: parsed?.usage,
      bodyStatusCode: parsed?.statusCode)
  }
}

/// The fields of a response body that the limiter reads, each decoded on its own.
private struct ResponseBody: Decodable {
  var errorCode: String?
  var errorMessage: String?
  var statusCode: Int?
  var usage: TokenUsage?

  private enum Keys: String, CodingKey {
    case error, code, message, statusCode, usage
  }

  private enum ErrorKeys: String, CodingKey {
    case code, message
  }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Keys.self)

    if let error = try? container.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error) {
      errorCode = Self.code(in: error, forKey: .code)
      errorMessage = try? error.decodeIfPresent(String.self, forKey: .message)
    }
    if errorCode == nil {
      errorCode = Self.code(in: container, forKey: .code)
    }
    if errorMessage == nil {
      errorMessage = try? container.decodeIfPresent(String.self, forKey: .message)
    }
    if errorMessage == nil {
      // Some providers send `"error": "text"`, and that text is a message, never a code.
      errorMessage = try? container.decodeIfPresent(String.self, forKey: .error)
    }

    statusCode = try? container.decodeIfPresent(Int.self, forKey: .statusCode)
    usage = try? container.decodeIfPresent(TokenUsage.self, forKey: .usage)
  }

  /// Returns a string code, or an integer code in decimal, or `nil`.
  private static func code<Key: CodingKey>(
    in container: KeyedDecodingContainer<Key>, forKey key: Key
  ) -> String? {
    if let text = try? container.decodeIfPresent(String.self, forKey: key) {
      return text
    }
    if let number = try? container.decodeIfPresent(Int64.self, forKey: key) {
      return String(number)
    }
    return nil
  }
}
