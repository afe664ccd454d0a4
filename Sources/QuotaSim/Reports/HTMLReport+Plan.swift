extension HTMLReport {
  /// Returns the report of a plan: the recommendation and the evidence, with the probability
  /// of exhaustion (and the drop rate, when it has a target) against the candidate values.
  public static func plan(_ plan: PlanResult) -> String {
    let quantityText =
      plan.quantity == .monthlyTokenQuota ? "monthly token quota" : "tokens per minute (TPM)"
    var body = heading(1, "QuotaSim plan: \(plan.model)")
    body += paragraph(
      "Seed \(plan.seed), \(plan.replications) replications per candidate. The \(quantityText) "
        + "of deployment \(plan.deployment), in steps of \(QuantityFormat.grouped(plan.step)) up to "
        + "\(QuantityFormat.grouped(plan.ceiling)).", className: "facts")
    body += heading(2, "Summary")
    let current = plan.currentValue.map(QuantityFormat.grouped) ?? "none"
    if let recommendation = plan.recommendation {
      var text =
        "Recommendation: \(QuantityFormat.grouped(recommendation)) (the model has \(current))."
      if let change = plan.costChange {
        text +=
          " Cost change against the model's value: "
          + EstimateText.meanPlusMinus(change, unit: Figure<RunResult>.Unit.dollars) + "."
      }
      body += paragraph(text, className: "facts")
    } else {
      body += paragraph(
        "No value up to \(QuantityFormat.grouped(plan.ceiling)) meets the targets (the model "
          + "has \(current)).", className: "facts")
    }
    for note in plan.notes { body += paragraph("Note: \(note).") }
    let rows = plan.candidates.map { candidate -> [String] in
      [
        candidate.value.map(QuantityFormat.grouped) ?? "none",
        [
          candidate.isCurrent ? "model" : nil,
          candidate.value != nil && candidate.value == plan.recommendation ? "recommended" : nil,
        ].compactMap { $0 }.joined(separator: ", "),
        EstimateText.meanPlusMinus(
          candidate.exhaustionProbability, unit: Figure<RunResult>.Unit.fraction),
        candidate.exhaustionPeriod ?? "-",
        EstimateText.meanPlusMinus(candidate.dropRate, unit: Figure<RunResult>.Unit.fraction),
        EstimateText.meanPlusMinus(candidate.costUSD, unit: Figure<RunResult>.Unit.dollars),
        candidate.meetsTargets ? "yes" : "no",
      ]
    }
    body += table(
      [
        "value", "", "quota ran out (share)", "worst period", "drop rate", "cost",
        "meets targets",
      ], rows, textColumns: 2)
    body += heading(2, "Evidence")
    body += planFigure(
      plan, title: "probability that the quota runs out", quantityText: quantityText,
      estimate: \.exhaustionProbability, target: plan.targets.maxExhaustionProbability,
      reading: "the share of replications in which the quota ran out before a period ended, "
        + "in the worst period")
    if plan.targets.maxDropRate != nil {
      body += planFigure(
        plan, title: "drop rate", quantityText: quantityText, estimate: \.dropRate,
        target: plan.targets.maxDropRate,
        reading: "the share of requests that ended without a completion")
    }
    return page(title: "QuotaSim plan: \(plan.model)", body: body)
  }

  private static func planFigure(
    _ plan: PlanResult, title: String, quantityText: String,
    estimate: KeyPath<PlanCandidate, MeanEstimate>, target: Double?, reading: String
  ) -> String {
    let intervals = plan.candidates.compactMap { candidate -> XYChart.Interval? in
      guard let value = candidate.value, let mean = candidate[keyPath: estimate].mean else {
        return nil
      }
      let interval = candidate[keyPath: estimate]
      return XYChart.Interval(x: Double(value), y: mean, low: interval.lower, high: interval.upper)
    }
    var layers = [
      XYChart.Layer(
        .intervals(intervals), style: ChartStyle(colour: ChartStyle.blue, marker: .circle),
        legend: "mean with 95 % interval")
    ]
    if let target {
      layers.append(
        XYChart.Layer(
          .horizontalRule(y: target, label: "target"),
          style: ChartStyle(colour: ChartStyle.vermillion, dash: "8 4", lineWidth: 1.5),
          legend: "target (at most \(percentText(target)))"))
    }
    let sameValue = plan.recommendation != nil && plan.recommendation == plan.currentValue
    if let recommendation = plan.recommendation {
      // One line when the model already has the recommended value, since two would overlap.
      let suffix = sameValue ? ", the model's value" : ""
      layers.append(
        XYChart.Layer(
          .verticalRule(x: Double(recommendation)),
          style: ChartStyle(colour: ChartStyle.bluishGreen, lineWidth: 2),
          legend: "recommended \(QuantityFormat.grouped(recommendation))\(suffix)"))
    }
    if let current = plan.currentValue, !sameValue {
      layers.append(
        XYChart.Layer(
          .verticalRule(x: Double(current)),
          style: ChartStyle(colour: ChartStyle.black, dash: "2 3", lineWidth: 1.5),
          legend: "model's value \(QuantityFormat.grouped(current))"))
    }
    let unit = plan.quantity == .monthlyTokenQuota ? "tokens a month" : "tokens per minute"
    let chart = XYChart(
      title: "\(title) against the \(quantityText)",
      xAxis: ChartAxis("\(quantityText) of \(plan.deployment) (\(unit))", minimum: 0),
      yAxis: ChartAxis(title, format: .fraction, minimum: 0), layers: layers, height: 300)
    return figure(
      chart,
      caption: "Each candidate the search evaluated, with \(reading). A candidate meets the "
        + "target when the top of its bar is at or below the target line; the recommendation "
        + "is the smallest such value on the grid.")
  }
}
