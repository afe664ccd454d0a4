extension LoadedScenario {
  /// Returns what `quotasim validate` prints for a valid scenario: the simulated span, each
  /// deployment's client-side and Azure-side limits, one line per workload, the policy and the
  /// notes.
  public func summary() -> String {
    let deploymentCount = scenario.catalog.deployments.count
    let workloadCount = scenario.workloads.count
    var sections = [
      "\(file): valid scenario '\(scenario.name)' with \(deploymentCount) "
        + "deployment\(deploymentCount == 1 ? "" : "s") and \(workloadCount) "
        + "workload\(workloadCount == 1 ? "" : "s")."
    ]
    sections.append("Simulation:\n" + LoadedCatalog.rows(simulationRows()))

    let catalog = LoadedCatalog(
      file: file, catalog: scenario.catalog, policy: scenario.policy, derived: derived, notes: [])
    let deployments = scenario.catalog.ids.map { id in
      let rows = catalog.deploymentRows(id) + endpointRows(scenario.endpoints[id.index])
      return "  \(scenario.catalog[id].name)\n" + LoadedCatalog.rows(rows, indent: 4)
    }
    sections.append("Deployments:\n" + deployments.joined(separator: "\n"))
    sections.append(
      "Workloads:\n" + scenario.workloads.map { "  " + Self.line(for: $0) }.joined(separator: "\n"))
    sections.append("Policy:\n" + LoadedCatalog.rows(catalog.policyRows()))
    if let plan = try? SweepPlan(axes: sweep), !sweep.isEmpty {
      sections.append(
        "Sweep (\(plan.pointCount) point\(plan.pointCount == 1 ? "" : "s") for 'quotasim sweep'):\n"
          + LoadedCatalog.rows(sweep.map { ($0.path.description, Self.valueList($0.values)) }))
    }
    if !notes.isEmpty {
      sections.append("Notes:\n" + notes.map { "  " + $0 }.joined(separator: "\n"))
    }
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// Returns the values separated by commas, the middle ones elided when there are more
  /// than six, such as `0.8, 0.81, 0.82, …, 0.99 (20 values)`.
  private static func valueList(_ values: [SweepValue]) -> String {
    let texts = values.map(\.description)
    guard texts.count > 6 else { return texts.joined(separator: ", ") }
    return (texts.prefix(3) + ["…", texts[texts.count - 1]]).joined(separator: ", ")
      + " (\(texts.count) values)"
  }

  private func simulationRows() -> [(String, String)] {
    let microseconds = scenario.end.microsecondsSinceEpoch - scenario.start.microsecondsSinceEpoch
    let days = QuantityFormat.decimal(Double(microseconds) / 86_400e6, fractionDigits: 3)
    let dayCount = "\(days) day\(days == "1" ? "" : "s")"
    let span =
      switch horizon {
      case .months(let months):
        "\(months) calendar month\(months == 1 ? "" : "s"), \(dayCount)"
      case .days, .endInstant:
        dayCount
      }
    return [
      ("start", scenario.start.iso8601),
      ("end", "\(scenario.end.iso8601) (\(span))"),
      ("time zone", scenario.timeZoneIdentifier),
      ("seed", "\(scenario.seed)"),
    ]
  }

  private func endpointRows(_ config: EndpointConfig) -> [(String, String)] {
    let profile =
      switch config.profile {
      case .standard:
        "standard: tokens and requests per minute only"
      case .gateway(let quota):
        "gateway: \(QuantityFormat.grouped(quota.tokens)) tokens per "
          + "\(quota.period.rawValue) (UTC periods), "
          + (quota.backgroundTokensPerDay == 0
            ? "no background usage"
            : "\(QuantityFormat.grouped(quota.backgroundTokensPerDay)) background tokens a day")
      }
    let estimate =
      switch config.admissionEstimate {
      case .promptPlusMaxTokens(let tokens):
        "prompt + max_tokens × n, with max_tokens \(QuantityFormat.grouped(tokens)) when unset"
      case .maxTokensOnly(let tokens):
        "max_tokens × n, with max_tokens \(QuantityFormat.grouped(tokens)) when unset"
      }
    let headers =
      switch config.retryHeaders {
      case .full: "retry-after and retry-after-ms"
      case .secondsOnly: "retry-after only"
      case .none: "none"
      }
    let service = config.serviceTime
    var rows = [
      ("azure profile", profile),
      ("admission estimate", estimate),
      ("429 retry headers", headers),
    ]
    if config.tokenRefusalsUseRequestWindow {
      rows.append(("token refusals", "also take a slot in the request window"))
    }
    rows.append(
      (
        "service time",
        "\(QuantityFormat.decimal(service.timeToFirstTokenSeconds, fractionDigits: 3)) s to "
          + "the first token, then \(QuantityFormat.decimal(service.tokensPerSecond, fractionDigits: 3)) "
          + "tokens per second, spread \(QuantityFormat.percent(service.spread))"
      ))
    return rows
  }

  /// Returns one line describing `workload`: its arrivals, sizes and requests per day.
  static func line(for workload: WorkloadConfig) -> String {
    var parts: [String] = []
    switch workload.arrivals {
    case .poisson(let poisson):
      parts.append("poisson to \(workload.deployment), \(poissonText(poisson))")
    case .batch(let batch):
      parts.append("batch to \(workload.deployment), \(batchText(batch))")
    case .trace(let trace):
      parts.append(
        "trace to \(workload.deployment), \(QuantityFormat.grouped(Int64(trace.rows.count))) "
          + "requests from \(trace.source), time scale "
          + "\(QuantityFormat.decimal(trace.timeScale, fractionDigits: 3))"
          + (trace.loops ? ", looped" : ""))
    }
    var request: [String] = []
    if case .trace = workload.arrivals {
      request.append("token sizes from the trace")
    } else {
      request.append(
        "prompt tokens \(sizeText(workload.promptTokens, rounding: workload.promptRounding))")
      request.append(
        "completion tokens "
          + sizeText(workload.completionTokens, rounding: workload.completionRounding))
    }
    request.append(
      "max_tokens " + (workload.maxTokens.map(QuantityFormat.grouped) ?? "unset"))
    if workload.choices != 1 { request.append("n \(workload.choices)") }
    parts.append(request.joined(separator: ", "))
    if let perDay = requestsPerDay(workload.arrivals) { parts.append(perDay) }
    return "\(workload.name): " + parts.joined(separator: "; ")
  }

  private static func poissonText(_ poisson: PoissonArrivals) -> String {
    var text =
      "\(QuantityFormat.decimal(poisson.ratePerSecond, fractionDigits: 6)) requests per second"
    var shaping: [String] = []
    if poisson.hourOfDay != nil { shaping.append("hour-of-day profile") }
    if poisson.dayOfWeek != nil { shaping.append("day-of-week profile") }
    if poisson.monthlyGrowth != 0 {
      shaping.append("\(QuantityFormat.percent(poisson.monthlyGrowth)) growth a month")
    }
    if !shaping.isEmpty { text += " (" + shaping.joined(separator: ", ") + ")" }
    return text
  }

  private static func batchText(_ batch: BatchScan) -> String {
    let times = batch.startTimesOfDay.map { seconds in
      let (hours, minutes, rest) = (seconds / 3_600, seconds / 60 % 60, seconds % 60)
      let pad = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
      return pad(hours) + ":" + pad(minutes) + (rest == 0 ? "" : ":" + pad(rest))
    }
    let days =
      batch.daysOfWeek.isEmpty
      ? "every day"
      : batch.daysOfWeek.map { ArrivalProcess.dayNames[$0 - 1] }.joined(separator: ", ")
    return "\(QuantityFormat.grouped(Int64(batch.prompts))) prompts at "
      + "\(times.joined(separator: ", ")) on \(days) by \(batch.workers) "
      + "worker\(batch.workers == 1 ? "" : "s")"
  }

  private static func sizeText(_ distribution: TokenSizeDistribution, rounding: TokenRounding)
    -> String
  {
    let text = sizeText(distribution)
    return rounding == .nearest ? text : "\(text) rounded \(rounding.rawValue)"
  }

  private static func sizeText(_ distribution: TokenSizeDistribution) -> String {
    let number = { (value: Double) in QuantityFormat.decimal(value, fractionDigits: 3) }
    switch distribution {
    case .fixed(let tokens):
      return QuantityFormat.grouped(tokens)
    case .normal(let mean, let deviation):
      return "normal(mean \(number(mean)), standard deviation \(number(deviation)))"
    case .logNormal(let mu, let sigma):
      return "logNormal(mu \(number(mu)), sigma \(number(sigma)))"
    case .gamma(let shape, let scale):
      return "gamma(shape \(number(shape)), scale \(number(scale)))"
    case .empirical(let bins):
      let lower = bins.map(\.lower).min() ?? 0
      let upper = bins.map(\.upper).max() ?? 0
      return "empirical(\(bins.count) bins from \(QuantityFormat.grouped(lower)) to "
        + "\(QuantityFormat.grouped(upper - 1)))"
    }
  }

  /// Returns a daily request count as text: whole requests from 100 a day up, where a
  /// fraction would claim a precision the estimate lacks, else with one decimal.
  private static func perDayText(_ perDay: Double) -> String {
    QuantityFormat.decimal(perDay, fractionDigits: perDay >= 100 ? 0 : 1)
  }

  /// Returns the expected requests per day as text, or `nil` when it cannot be computed.
  private static func requestsPerDay(_ arrivals: ArrivalProcess) -> String? {
    switch arrivals {
    case .poisson(let poisson):
      let mean = { (factors: [Double]?) in
        factors.map { $0.reduce(0, +) / Double($0.count) } ?? 1
      }
      let perDay =
        poisson.ratePerSecond * 86_400 * mean(poisson.hourOfDay) * mean(poisson.dayOfWeek)
      let when = poisson.monthlyGrowth == 0 ? "" : " at the start"
      return "about \(perDayText(perDay)) requests per day\(when)"
    case .batch(let batch):
      let days = batch.daysOfWeek.isEmpty ? 7 : batch.daysOfWeek.count
      let perDay = Double(batch.prompts) * Double(batch.startTimesOfDay.count * days) / 7
      let average = days == 7 ? "" : " on average"
      return "\(perDayText(perDay)) requests per day\(average)"
    case .trace(let trace):
      guard let first = trace.rows.first, let last = trace.rows.last,
        last.offsetMicroseconds > first.offsetMicroseconds
      else { return nil }
      let seconds =
        Double(last.offsetMicroseconds - first.offsetMicroseconds) / 1e6 * trace.timeScale
      let perDay = Double(trace.rows.count) / seconds * 86_400
      return "about \(perDayText(perDay)) requests per day while the trace plays"
    }
  }
}
