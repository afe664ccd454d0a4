extension HTMLReport {
  /// A sweep figure: its key in ``SweepPointResult``, axis title and reading.
  private struct SweepFigure: Sendable {
    var title: String
    var format: ChartAxis.ValueFormat
    var unit: Figure<RunResult>.Unit
    var estimate: @Sendable (SweepPointResult) -> MeanEstimate
    var reading: String
  }

  private static let sweepFigures: [SweepFigure] = [
    SweepFigure(
      title: "429 per attempt", format: .fraction, unit: .fraction,
      estimate: { $0.rateLimitedPerAttempt },
      reading: "the share of attempts that a TPM or RPM limit turned away"),
    SweepFigure(
      title: "403 per attempt", format: .fraction, unit: .fraction,
      estimate: { $0.quotaRefusedPerAttempt },
      reading: "the share of attempts that the gateway refused because its quota was used up"),
    SweepFigure(
      title: "drop rate", format: .fraction, unit: .fraction, estimate: { $0.dropRate },
      reading: "the share of requests that ended without a completion"),
    SweepFigure(
      title: "quota ran out (share of replications)", format: .fraction, unit: .fraction,
      estimate: { $0.exhaustion.fraction },
      reading: "how often a quota ran out before its period ended"),
    SweepFigure(
      title: "cost (US dollars)", format: .dollars, unit: .dollars, estimate: { $0.costUSD },
      reading: "the cost of every deployment over the run"),
  ]

  /// Returns the report of a sweep: a table of the points and each key figure against the
  /// swept values with its 95 % interval.
  public static func sweep(_ sweep: SweepResult) -> String {
    var body = heading(1, "QuotaSim sweep: \(sweep.model)")
    let axes = sweep.axes.map { "\($0.path) = \($0.values.joined(separator: ", "))" }
    body += paragraph(
      "Seed \(sweep.seed), \(sweep.replications) replications per point, \(sweep.points.count) "
        + "points. Axes: \(axes.joined(separator: "; ")). Exhaustion and throttle refer to "
        + (sweep.deployment.map { "deployment \($0)" } ?? "the first of any deployment") + ".",
      className: "facts")
    body += heading(2, "Summary")
    let labels = sweep.points.map { point in
      sweep.axes.map { point.settings[$0.path] ?? "?" }.joined(separator: " / ")
    }
    let rows = zip(labels, sweep.points).map { label, point -> [String] in
      [label]
        + sweepFigures.map { EstimateText.meanPlusMinus($0.estimate(point), unit: $0.unit) }
        + [EstimateText.minute(point.exhaustion.p50), EstimateText.minute(point.throttleStart.p50)]
    }
    body += table(
      [sweep.axes.map(\.path).joined(separator: " / ")] + sweepFigures.map(\.title)
        + ["quota ran out, p50", "throttle started, p50"], rows)
    body += heading(2, "Key figures against the swept values")
    let axisTitle = sweep.axes.map(\.path).joined(separator: " / ") + " (as written)"
    for figure in sweepFigures {
      let intervals = sweep.points.enumerated().compactMap { index, point -> XYChart.Interval? in
        let estimate = figure.estimate(point)
        guard let mean = estimate.mean else { return nil }
        return XYChart.Interval(
          x: Double(index), y: mean, low: estimate.lower, high: estimate.upper)
      }
      let chart = XYChart(
        title: "\(figure.title) against \(axisTitle)",
        xAxis: ChartAxis(axisTitle, kind: .categories(labels)),
        yAxis: ChartAxis(figure.title, format: figure.format, minimum: 0),
        layers: [
          XYChart.Layer(
            .intervals(intervals), style: ChartStyle(colour: ChartStyle.blue, marker: .circle),
            legend: "mean with 95 % interval over \(sweep.replications) replications")
        ], height: 280)
      body += HTMLReport.figure(
        chart,
        caption: "\(figure.title.prefix(1).uppercased() + figure.title.dropFirst()) at each "
          + "point: \(figure.reading). Points whose bars do not overlap differ beyond the "
          + "replications' noise.")
    }
    return page(title: "QuotaSim sweep: \(sweep.model)", body: body)
  }
}
