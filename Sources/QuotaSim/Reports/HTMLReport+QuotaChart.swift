extension HTMLReport {
  /// The maximum number of points a drawn curve has. Twelve months of hours are thinned to
  /// about this many.
  static let curvePointLimit = 720

  /// Returns the figure of deployment `index`'s tokens used through each period against its
  /// quota, with the median and 5–95 % band over replications when there are several.
  static func quotaFigure(_ results: [RunResult], deployment index: Int) -> String {
    let first = results[0]
    let deployment = first.deployments[index]
    guard let series = first.series else { return "" }
    let curves = CumulativeCurves(results: results, deployment: index)
    let median = curves.quantile(0.5)
    let drawn = curves.drawnIndices(limit: curvePointLimit)
    var layers: [XYChart.Layer] = []

    if results.count > 1 {
      let low = curves.quantile(0.05)
      let high = curves.quantile(0.95)
      var segment: [Int] = []
      var first = true
      for (position, point) in drawn.enumerated() {
        segment.append(point)
        let ends = position == drawn.count - 1 || curves.startsPeriod[drawn[position + 1]]
        guard ends else { continue }
        layers.append(
          XYChart.Layer(
            .band(
              lower: segment.map { XYChart.Point(curves.times[$0], low[$0]) },
              upper: segment.map { XYChart.Point(curves.times[$0], high[$0]) }),
            style: ChartStyle(colour: ChartStyle.skyBlue, fillOpacity: 0.45),
            legend: first ? "5–95 % of \(results.count) replications" : nil))
        first = false
        segment = []
      }
    }
    let line = drawn.flatMap { point -> [XYChart.Point?] in
      let value = XYChart.Point(curves.times[point], median[point])
      return curves.startsPeriod[point] && point > 0 ? [nil, value] : [value]
    }
    layers.append(
      XYChart.Layer(
        .line(line), style: ChartStyle(colour: ChartStyle.blue, lineWidth: 2),
        legend: results.count > 1 ? "median tokens used" : "tokens used"))

    let quota = deployment.periods.compactMap(\.quota).first
    if let quota {
      layers += quotaRules(quota: Double(quota), series: series)
      layers += quotaMarkers(results, deployment: index, curves: curves, curve: median)
    }
    let span = "\(EstimateText.minute(first.start)) to \(EstimateText.minute(first.end)) UTC"
    let chart = XYChart(
      title: "Tokens used per \(deployment.quotaPeriod.rawValue) of \(deployment.name)",
      xAxis: ChartAxis("date (UTC)", kind: .time),
      yAxis: ChartAxis(
        "tokens used in the \(deployment.quotaPeriod.rawValue) (total tokens)", minimum: 0),
      layers: layers)
    var caption =
      "Tokens served by \(deployment.name) since the start of each quota "
      + "\(deployment.quotaPeriod.rawValue), \(span)"
    if results.count > 1 {
      caption += ": the line is the median over replications and the shaded band holds 90 % of them"
    }
    if quota != nil {
      caption +=
        ". Where the curve crosses a horizontal line, an alert fires, the throttle holds "
        + "requests back or the quota is used up; markers show when that happened"
        + (results.count > 1
          ? " (median instants, where at least half the replications saw it)" : "")
        + "."
    } else {
      caption += ". The deployment has no period quota, so there are no quota lines."
    }
    return figure(chart, caption: caption)
  }

  private static func quotaRules(quota: Double, series: RunSeries) -> [XYChart.Layer] {
    var layers: [XYChart.Layer] = []
    for (position, threshold) in series.alertThresholds.enumerated() {
      layers.append(
        XYChart.Layer(
          .horizontalRule(y: threshold * quota, label: percentText(threshold) + " alert"),
          style: ChartStyle(colour: ChartStyle.orange, dash: "2 3", lineWidth: 1.5),
          legend: position == 0 ? "alert thresholds" : nil))
    }
    layers.append(
      XYChart.Layer(
        .horizontalRule(
          y: series.throttleThreshold * quota,
          label: percentText(series.throttleThreshold) + " throttle"),
        style: ChartStyle(colour: ChartStyle.vermillion, dash: "8 4", lineWidth: 1.5),
        legend: "throttle threshold"))
    layers.append(
      XYChart.Layer(
        .horizontalRule(y: quota, label: "100 % quota"),
        style: ChartStyle(colour: ChartStyle.black, lineWidth: 1.5),
        legend: "quota (\(QuantityFormat.grouped(Int64(quota))) tokens)"))
    return layers
  }

  /// Returns the markers of alerts, throttle starts and exhaustion: each replication's own
  /// with one replication, the median instants with several.
  private static func quotaMarkers(
    _ results: [RunResult], deployment index: Int, curves: CumulativeCurves, curve: [Double]
  ) -> [XYChart.Layer] {
    var alerts: [Double] = []
    var throttles: [Double] = []
    var exhaustions: [Double] = []
    let periods = results[0].deployments[index].periods
    for position in periods.indices {
      let all = results.map { $0.deployments[index].periods[position] }
      let thresholds = Set(all.flatMap { $0.alerts.map(\.thresholdPercent) }).sorted()
      for threshold in thresholds {
        let instants = all.map { period in
          period.alerts.first { $0.thresholdPercent == threshold }?.at
        }
        if let instant = InstantDistribution(instants).p50 { alerts.append(instant.seconds) }
      }
      if let instant = InstantDistribution(all.map(\.throttleStart)).p50 {
        throttles.append(instant.seconds)
      }
      if let instant = InstantDistribution(all.map(\.exhaustion)).p50 {
        exhaustions.append(instant.seconds)
      }
    }
    func points(_ times: [Double]) -> [XYChart.Point] {
      times.map { XYChart.Point($0, curves.value(of: curve, at: $0)) }
    }
    var layers: [XYChart.Layer] = []
    if !alerts.isEmpty {
      layers.append(
        XYChart.Layer(
          .markers(points(alerts)), style: ChartStyle(colour: ChartStyle.orange, marker: .triangle),
          legend: "alert fired"))
    }
    if !throttles.isEmpty {
      layers.append(
        XYChart.Layer(
          .markers(points(throttles)),
          style: ChartStyle(colour: ChartStyle.vermillion, marker: .square),
          legend: "throttle started"))
    }
    if !exhaustions.isEmpty {
      layers.append(
        XYChart.Layer(
          .markers(points(exhaustions)),
          style: ChartStyle(colour: ChartStyle.black, marker: .cross),
          legend: "quota ran out"))
    }
    return layers
  }

  /// Returns a fraction as a whole or one-decimal percentage, such as `95 %`.
  static func percentText(_ fraction: Double) -> String {
    let percent = fraction * 100
    let decimals = percent == percent.rounded() ? 0 : 1
    return formatNumber(percent, decimals: decimals) + " %"
  }
}
