import Foundation

extension HTMLReport {
  /// Returns the figure of deployment `index`'s 429 and 403 responses per day, averaged over
  /// replications.
  static func refusalFigure(_ results: [RunResult], deployment index: Int) -> String {
    let name = results[0].deployments[index].name
    let start = results[0].start.seconds
    let all = results.compactMap { $0.series?.deployments[index] }
    guard let days = all.first?.rateLimitedPerDay.count, days > 0 else { return "" }
    func mean(_ counts: KeyPath<DeploymentSeries, [Int64]>, day: Int) -> Double {
      all.reduce(0.0) { $0 + Double($1[keyPath: counts][day]) } / Double(all.count)
    }
    var rateLimited: [XYChart.Bar] = []
    var quotaRefused: [XYChart.Bar] = []
    var total = 0.0
    for day in 0..<days {
      let dayStart = start + Double(day) * 86_400
      let limited = mean(\.rateLimitedPerDay, day: day)
      let refused = mean(\.quotaRefusedPerDay, day: day)
      total += limited + refused
      if limited > 0 {
        rateLimited.append(
          XYChart.Bar(x0: dayStart + 4_000, x1: dayStart + 43_200, y: limited))
      }
      if refused > 0 {
        quotaRefused.append(
          XYChart.Bar(x0: dayStart + 43_200, x1: dayStart + 82_400, y: refused))
      }
    }
    let per = results.count > 1 ? " (mean over \(results.count) replications)" : ""
    let chart = XYChart(
      title: "429 and 403 responses per day from \(name)",
      xAxis: ChartAxis(
        "day (UTC)", kind: .time, minimum: start, maximum: start + Double(days) * 86_400),
      yAxis: ChartAxis(
        results.count > 1 ? "mean responses per day" : "responses per day", minimum: 0),
      layers: [
        XYChart.Layer(
          .bars(rateLimited), style: ChartStyle(colour: ChartStyle.orange),
          legend: "429 rate limited (TPM or RPM)"),
        XYChart.Layer(
          .bars(quotaRefused), style: ChartStyle(colour: ChartStyle.blue),
          legend: "403 quota used up (gateway)"),
      ], height: 260)
    let caption =
      total == 0
      ? "\(name) answered no 429 or 403 response during the run."
      : "Responses per day that \(name) refused\(per): 429s (light, left half of each day) "
        + "come from the per-minute limits, 403s (dark, right half) from the gateway's quota. "
        + "Tall bars show the days on which clients were turned away."
    return figure(chart, caption: caption)
  }

  /// Returns the figure of tokens per minute on the busiest day of deployment `index`, from
  /// the replication whose busiest day admitted the most tokens.
  static func busiestDayFigure(_ results: [RunResult], deployment index: Int) -> String {
    let name = results[0].deployments[index].name
    let candidates = results.enumerated().compactMap { position, result in
      result.series.map { (position, $0.deployments[index]) }
    }.filter { $0.1.busiestDay != nil }
    guard
      let (replication, series) = candidates.max(by: {
        $0.1.busiestDayTokensPerMinute.reduce(0, +) < $1.1.busiestDayTokensPerMinute.reduce(0, +)
      }), let day = series.busiestDay
    else {
      return paragraph("\(name) admitted no request, so there is no busiest day to chart.")
    }
    let dayStart = results[0].start.seconds + Double(day) * 86_400
    let points = series.busiestDayTokensPerMinute.enumerated().map { minute, tokens in
      XYChart.Point(dayStart + Double(minute) * 60, Double(tokens))
    }
    let date = EstimateText.minute(Instant(microsecondsSinceEpoch: Int64(dayStart * 1e6)))
    let limit = Double(series.tokensPerMinuteLimit)
    let chart = XYChart(
      title: "Tokens per minute admitted by \(name) on its busiest day",
      xAxis: ChartAxis(
        "time of day on \(date.prefix(10)) (UTC), 24 hours from \(date.suffix(5))", kind: .time,
        minimum: dayStart, maximum: dayStart + 86_400),
      yAxis: ChartAxis("tokens per minute (estimate)", minimum: 0),
      layers: [
        XYChart.Layer(
          .line(points), style: ChartStyle(colour: ChartStyle.bluishGreen, lineWidth: 1.2),
          legend: "admitted estimate tokens per minute"),
        XYChart.Layer(
          .horizontalRule(y: limit, label: "TPM limit"),
          style: ChartStyle(colour: ChartStyle.black, dash: "8 4", lineWidth: 1.5),
          legend: "TPM limit (\(QuantityFormat.grouped(series.tokensPerMinuteLimit)))"),
      ], height: 280)
    let which = results.count > 1 ? " (replication \(results[replication].replication))" : ""
    let caption =
      "The 24 hours from \(date) UTC, the day on which \(name) admitted the most estimate "
      + "tokens\(which), minute by minute. The estimates are what the endpoint's TPM window "
      + "counts, so minutes at the dashed line are the ones where 429s start."
    return figure(chart, caption: caption)
  }

  /// Returns the histogram of end-to-end latency over every replication, on a log scale.
  static func latencyFigure(_ results: [RunResult]) -> String {
    var counts: [Int64: Int64] = [:]
    for result in results {
      for bucket in result.series?.latency ?? [] {
        counts[bucket.upperMicroseconds, default: 0] += bucket.count
      }
    }
    let total = counts.values.reduce(0, +)
    guard total > 0 else { return paragraph("No request was served, so there is no latency.") }
    let binsPerDecade = 10.0
    var bins: [Int: Int64] = [:]
    for (upper, count) in counts {
      let seconds = max(Double(upper), 1_000) / 1e6
      bins[Int(floor(log10(seconds) * binsPerDecade)), default: 0] += count
    }
    let bars = bins.keys.sorted().map { bin in
      XYChart.Bar(
        x0: pow(10, Double(bin) / binsPerDecade), x1: pow(10, Double(bin + 1) / binsPerDecade),
        y: Double(bins[bin] ?? 0) / Double(total) * 100)
    }
    let sorted = counts.sorted { $0.key < $1.key }
    func percentile(_ fraction: Double) -> Double {
      let rank = Int64((Double(total) * fraction).rounded(.up))
      var seen: Int64 = 0
      for (upper, count) in sorted {
        seen += count
        if seen >= rank { return Double(upper) / 1e6 }
      }
      return Double(sorted.last?.key ?? 0) / 1e6
    }
    var layers = [
      XYChart.Layer(
        .bars(bars), style: ChartStyle(colour: ChartStyle.skyBlue),
        legend: "share of served requests")
    ]
    let markers: [(Double, String, String)] = [
      (0.5, "p50", "3 2"), (0.95, "p95", "6 3"), (0.99, "p99", "10 3 2 3"),
    ]
    for (fraction, name, dash) in markers {
      let value = percentile(fraction)
      layers.append(
        XYChart.Layer(
          .verticalRule(x: value),
          style: ChartStyle(colour: ChartStyle.black, dash: dash, lineWidth: 1.5),
          legend: "\(name) \(formatNumber(value, decimals: value < 10 ? 2 : 1)) s"))
    }
    let chart = XYChart(
      title: "End-to-end latency of served requests",
      xAxis: ChartAxis(
        "latency from arrival to completion, waits included (seconds, log scale)",
        kind: .logarithmic, format: .seconds),
      yAxis: ChartAxis("share of served requests (%)", format: .percent, minimum: 0),
      layers: layers, height: 280)
    let over = results.count > 1 ? " over all \(results.count) replications" : ""
    return figure(
      chart,
      caption: "How long \(QuantityFormat.grouped(total)) served requests took\(over), from "
        + "arrival to completion with retry waits and deferrals included. Each bar covers a "
        + "tenth of a decade; a second hump to the right of the first is requests that waited.")
  }
}
