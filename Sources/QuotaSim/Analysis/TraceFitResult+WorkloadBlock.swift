import Foundation

extension TraceFitResult {
  /// Returns a workload block to paste into a scenario: `//` comment lines on the trace, the
  /// covered hours and every candidate's goodness of fit, then the JSON object of
  /// ``workload(name:deployment:)``.
  ///
  /// Numbers have six significant digits (hour-of-day factors four), histogram weights are
  /// the observed counts, and the text is the same for the same fit on any machine.
  public func workloadBlock(name: String, deployment: String) -> String {
    var lines = commentLines()
    let workload = workload(name: name, deployment: deployment)

    lines.append("{")
    lines.append("  \"name\": \(Self.jsonString(name)),")
    lines.append("  \"deployment\": \(Self.jsonString(deployment)),")
    lines.append("  \"kind\": \"poisson\",")
    lines.append("  \"ratePerSecond\": \(Self.number(meanRatePerSecond)),")
    if case .poisson(let arrivals) = workload.arrivals, let factors = arrivals.hourOfDay {
      let profile = factors.map { Self.number($0, digits: 4) }.joined(separator: ", ")
      lines.append("  \"hourOfDayProfile\": [\(profile)],")
    }
    lines.append("  \"promptTokens\": \(Self.json(prompt.best.distribution, wrapped: true)),")
    lines.append(
      "  \"completionTokens\": \(Self.json(completion.best.distribution, wrapped: true)),")
    lines.append("  \"maxTokens\": null")
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns the comment lines that describe the fit.
  private func commentLines() -> [String] {
    let seconds = Double(windowStart.duration(to: windowEnd).microseconds) / 1_000_000
    var lines = [
      "// Fitted from \(requestCount) requests from \(windowStart) to \(windowEnd) "
        + "(\(Self.number(seconds)) s, the last request plus one mean gap).",
      "// Mean rate \(Self.number(meanRatePerSecond)) requests/s. Hours of day in "
        + "\(timeZoneIdentifier), with the seconds and requests the trace has in each:",
    ]
    for hour in hours where hour.coveredSeconds > 0 {
      let rate =
        hour.ratePerSecond.map { "\(Self.number($0)) requests/s" }
        ?? "too short to estimate, factor 1"
      lines.append(
        "//   \(hour.hour): \(Self.number(hour.coveredSeconds)) s, \(hour.requests) requests, "
          + rate)
    }
    lines.append("// Hours the trace does not cover keep factor 1.")
    lines += Self.commentLines(field: "promptTokens", fit: prompt)
    lines += Self.commentLines(field: "completionTokens", fit: completion)
    return lines
  }

  /// Returns the comment lines on one token count's candidates.
  private static func commentLines(field: String, fit: TokenSizeFit) -> [String] {
    var lines = [
      "// \(field): sample mean \(number(fit.sampleMean)) tokens over \(fit.count) requests.",
      "//   D is the Kolmogorov-Smirnov distance to the candidate's rounded draws. Log-normal or",
      "//   gamma is chosen when its D is at most \(number(fit.criticalStatistic, digits: 4)) (the "
        + "5 % critical value), else the",
      "//   histogram, whose D is measured on the sample it was built from.",
    ]
    for candidate in [fit.logNormal, fit.gamma, fit.histogram].compactMap({ $0 }) {
      let chosen = candidate == fit.best ? ", chosen" : ""
      lines.append(
        "//   \(summary(candidate.distribution)): D \(number(candidate.kolmogorovSmirnov, digits: 4)), "
          + "mean \(number(candidate.mean))\(chosen)")
    }
    if fit.logNormal == nil || fit.gamma == nil {
      lines.append("//   log-normal and gamma need two different positive values.")
    }
    return lines
  }

  /// Returns a one-line summary of a distribution for a comment.
  private static func summary(_ distribution: TokenSizeDistribution) -> String {
    switch distribution {
    case .logNormal(let mu, let sigma):
      return "logNormal mu \(number(mu)) sigma \(number(sigma))"
    case .gamma(let shape, let scale):
      return "gamma shape \(number(shape)) scale \(number(scale))"
    case .empirical(let bins):
      return "empirical, \(bins.count) bins"
    case .fixed, .normal:
      return json(distribution)
    }
  }

  /// Returns a distribution as a JSON object; `wrapped` puts a histogram's bins on indented
  /// lines of six.
  static func json(_ distribution: TokenSizeDistribution, wrapped: Bool = false) -> String {
    switch distribution {
    case .fixed(let count):
      return "{\"fixed\": \(count)}"
    case .normal(let mean, let standardDeviation):
      return
        "{\"normal\": {\"mean\": \(number(mean)), "
        + "\"standardDeviation\": \(number(standardDeviation))}}"
    case .logNormal(let mu, let sigma):
      return "{\"logNormal\": {\"mu\": \(number(mu)), \"sigma\": \(number(sigma))}}"
    case .gamma(let shape, let scale):
      return "{\"gamma\": {\"shape\": \(number(shape)), \"scale\": \(number(scale))}}"
    case .empirical(let bins):
      let rows = bins.map { "[\($0.lower), \($0.upper), \(weight($0.weight))]" }
      guard wrapped else { return "{\"empirical\": [" + rows.joined(separator: ", ") + "]}" }
      let lines = stride(from: 0, to: rows.count, by: 6).map { start in
        "    " + rows[start..<min(start + 6, rows.count)].joined(separator: ", ")
      }
      return "{\"empirical\": [\n" + lines.joined(separator: ",\n") + "\n  ]}"
    }
  }

  /// Formats a finite number with `digits` significant digits, in the C locale.
  static func number(_ value: Double, digits: Int = 6) -> String {
    guard value.isFinite else { return "null" }
    return String(format: "%.\(digits)g", value)
  }

  /// Formats a histogram weight: exactly when it is a whole count, else like ``number(_:digits:)``.
  private static func weight(_ value: Double) -> String {
    guard value == value.rounded(), abs(value) < 1e15 else { return number(value) }
    return String(Int64(value))
  }

  /// Quotes a string for JSON.
  static func jsonString(_ text: String) -> String {
    var quoted = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      case "\r": quoted += "\\r"
      case "\t": quoted += "\\t"
      case _ where scalar.value < 0x20:
        quoted += String(format: "\\u%04x", scalar.value)
      default:
        quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "\""
  }
}
