import Foundation
import Testing

@testable import QuotaSim

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("Charts")
struct ChartTests {
  @Test(arguments: [
    (2_500_000.0, 2_500_000.0, "2.5M"), (5_000_000.0, 2_500_000.0, "5.0M"), (0.0, 2_500_000.0, "0"),
    (150_000.0, 20_000.0, "150k"), (0.25, 0.05, "25 %"), (0.125, 0.025, "12.5 %"),
  ])
  func countAndFractionLabels(value: Double, step: Double, expected: String) {
    let format: ChartAxis.ValueFormat = value < 1 && value > 0 ? .fraction : .count
    #expect(ChartValueText.format(value, as: format, step: step) == expected)
  }

  @Test(arguments: [(0.3, 0.5), (1.2, 2.0), (2.1, 2.5), (3.0, 5.0), (7.0, 10.0), (40.0, 50.0)])
  func niceStepRoundsUp(raw: Double, expected: Double) {
    #expect(ChartAxis.niceStep(raw) == expected)
  }

  @Test func escapeReplacesXMLSpecialCharacters() {
    #expect(SVGText.escape("a<b & \"c\" > 'd'") == "a&lt;b &amp; &quot;c&quot; &gt; &#39;d&#39;")
  }

  @Test func monthTicksOfAYearAreLabelledWithMonthAndYear() {
    let start = 1_767_225_600.0  // 2026-01-01T00:00:00Z
    let end = 1_798_761_600.0  // 2027-01-01T00:00:00Z
    let ticks = ChartTimeTicks.ticks(in: start...end, maximumCount: 8)
    #expect(
      ticks.map(\.label) == [
        "Jan 2026", "Mar 2026", "May 2026", "Jul 2026", "Sep 2026", "Nov 2026", "Jan 2027",
      ])
  }

  @Test func hourTicksOfADayAreLabelledWithTime() {
    let start = 1_767_225_600.0
    let ticks = ChartTimeTicks.ticks(in: start...(start + 86_400), maximumCount: 10)
    #expect(ticks.first?.label == "00:00")
    #expect(ticks.count == 9)
    #expect(ticks[1].label == "03:00")
  }

  @Test func chartWithSpecialCharactersIsWellFormed() {
    let chart = XYChart(
      title: "tokens <used> & \"left\"",
      xAxis: ChartAxis("x & y", kind: .categories(["a<b", "c&d", "e\"f"])),
      yAxis: ChartAxis("share", format: .fraction, minimum: 0),
      layers: [
        XYChart.Layer(
          .intervals([XYChart.Interval(x: 0, y: 0.2, low: 0.1, high: 0.3)]),
          style: ChartStyle(colour: ChartStyle.blue), legend: "mean <95 %>"),
        XYChart.Layer(
          .horizontalRule(y: 0.25, label: "target & limit"),
          style: ChartStyle(colour: ChartStyle.vermillion, dash: "8 4")),
      ])
    let parser = XMLParser(data: Data(chart.svg().utf8))
    #expect(parser.parse())
  }

  @Test func longCategoryLabelsAreTurned() {
    let labels = (0..<30).map { "policy.throttleThreshold=0.\($0)" }
    let chart = XYChart(
      title: "t", xAxis: ChartAxis("x", kind: .categories(labels)), yAxis: ChartAxis("y"),
      layers: [])
    let layout = chart.xTickLayout(range: -0.5...29.5, plotWidth: 800)
    #expect(layout.rotated)
    #expect(layout.extraHeight > 100)
  }
}
