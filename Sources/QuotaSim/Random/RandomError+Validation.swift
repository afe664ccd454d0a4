extension RandomError {
  /// Throws unless `value` is finite.
  static func requireFinite(_ value: Double, name: String) throws(RandomError) {
    guard value.isFinite else {
      throw .invalidParameter(name: name, value: value, expected: "a finite number")
    }
  }

  /// Throws unless `value` is finite and greater than zero.
  static func requirePositive(_ value: Double, name: String) throws(RandomError) {
    guard value.isFinite, value > 0 else {
      throw .invalidParameter(
        name: name, value: value, expected: "a finite number greater than 0")
    }
  }

  /// Throws unless `value` is finite and 0 or more.
  static func requireNonNegative(_ value: Double, name: String) throws(RandomError) {
    guard value.isFinite, value >= 0 else {
      throw .invalidParameter(name: name, value: value, expected: "a finite number of 0 or more")
    }
  }

  /// Throws unless `probability` lies strictly between 0 and 1.
  static func requireOpenProbability(_ probability: Double, name: String) throws(RandomError) {
    guard probability > 0, probability < 1 else {
      throw .invalidParameter(
        name: name, value: probability, expected: "a probability strictly between 0 and 1")
    }
  }
}
