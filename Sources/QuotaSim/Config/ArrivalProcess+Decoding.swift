extension ArrivalProcess {
  /// The rate keys of Poisson workloads with their length in seconds.
  static let rateKeys: [(key: String, seconds: Double)] = [
    ("ratePerSecond", 1), ("ratePerMinute", 60), ("ratePerHour", 3_600), ("ratePerDay", 86_400),
  ]

  /// The keys of each workload kind besides the shared ones.
  static let keysByKind: [(kind: String, keys: [String])] = [
    ("poisson", rateKeys.map(\.key) + ["hourOfDayProfile", "dayOfWeekProfile", "monthlyGrowth"]),
    ("batch", ["scanTimes", "scanDays", "promptsPerScan", "workers"]),
    ("trace", ["traceFile", "timeScale", "loop"]),
  ]

  /// The three-letter day names of `scanDays`, Monday first.
  static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// Decodes the arrival fields of a workload of `kind`, recording every problem.
  ///
  /// Keys of another kind are reported as such. When `kind` is `nil` (missing or invalid),
  /// every kind's keys are accepted unread, to avoid a second problem for one mistake.
  /// A trace is returned without rows, which the caller reads.
  static func decode(
    kind: String?, from reader: ConfigObjectReader, workload: String?, notes: inout [String]
  ) -> ArrivalProcess? {
    guard let kind else {
      for (_, keys) in keysByKind { for key in keys { reader.allow(key) } }
      return nil
    }
    for (otherKind, keys) in keysByKind where otherKind != kind {
      for key in keys {
        reader.optional(key)?.report(
          "applies only to \(otherKind) workloads",
          fix: "Remove \(key), or set \"kind\": \"\(otherKind)\"")
      }
    }
    switch kind {
    case "poisson":
      return decodePoisson(from: reader, workload: workload, notes: &notes).map(Self.poisson)
    case "batch":
      return decodeBatch(from: reader).map(Self.batch)
    default:
      return decodeTrace(from: reader).map(Self.trace)
    }
  }

  private static func decodePoisson(
    from reader: ConfigObjectReader, workload: String?, notes: inout [String]
  ) -> PoissonArrivals? {
    let problemsBefore = reader.collector.issues.count
    let rate = reader.exactlyOne(
      of: rateKeys.map(\.key), missingFix: "Add a rate, such as \"ratePerMinute\": 30")
    let ratePerSecond = rate.flatMap { key, value -> Double? in
      let unit = key.dropFirst("ratePer".count).lowercased()
      let seconds = rateKeys.first { $0.key == key }?.seconds ?? 1
      return value.number(
        in: 0...Double.greatestFiniteMagnitude,
        expected: "a non-negative number of requests per \(unit)",
        fix: "Set \(key) to 0 or more"
      ).map { $0 / seconds }
    }
    let hourOfDay = reader.optional("hourOfDayProfile").flatMap {
      decodeProfile($0, count: 24, unit: "hour of the day, from midnight")
    }
    let dayOfWeek = reader.optional("dayOfWeekProfile").flatMap {
      decodeProfile($0, count: 7, unit: "day of the week, from Monday")
    }
    let growth = reader.optional("monthlyGrowth")?
      .number(
        in: -1...Double.greatestFiniteMagnitude, excludingLowerBound: true,
        expected: "a fraction greater than -1",
        fix: "Write the growth per month as a fraction, such as 0.1 for 10 % more traffic a month")
    guard reader.collector.issues.count == problemsBefore, let ratePerSecond else { return nil }

    for (key, factors) in [("hourOfDayProfile", hourOfDay), ("dayOfWeekProfile", dayOfWeek)] {
      guard let factors, let workload else { continue }
      let mean = factors.reduce(0, +) / Double(factors.count)
      guard abs(mean - 1) > 0.005 else { continue }
      let meanText = QuantityFormat.decimal(mean, fractionDigits: 3)
      notes.append(
        "workload '\(workload)': \(key) averages \(meanText), so the mean rate is \(meanText) "
          + "times the rate written")
    }
    return PoissonArrivals(
      ratePerSecond: ratePerSecond, hourOfDay: hourOfDay, dayOfWeek: dayOfWeek,
      monthlyGrowth: growth ?? 0)
  }

  /// Reads a profile of `count` non-negative factors, one per `unit`, not all zero.
  private static func decodeProfile(_ value: ConfigValueReader, count: Int, unit: String)
    -> [Double]?
  {
    let expected = "an array of \(count) non-negative factors, one per \(unit)"
    guard let elements = value.array(expected: expected, fix: "List \(count) numbers") else {
      return nil
    }
    guard elements.count == count else {
      value.reportExpected(expected, fix: "List \(count) factors instead of \(elements.count)")
      return nil
    }
    let factors = elements.map {
      $0.number(
        in: 0...Double.greatestFiniteMagnitude, expected: "a non-negative factor",
        fix: "Set the factor to 0 or more, such as 1 for the mean rate")
    }
    let valid = factors.compactMap { $0 }
    guard valid.count == count else { return nil }
    let total = valid.reduce(0, +)
    guard total.isFinite else {
      value.report(
        "the factors add up to more than the largest finite number",
        fix: "Use factors that average 1, so the rate stays the mean rate")
      return nil
    }
    guard total > 0 else {
      value.report(
        "the factors are all 0, so no request would arrive",
        fix: "Give at least one factor a positive value, or set the rate to 0")
      return nil
    }
    return valid
  }

  private static func decodeBatch(from reader: ConfigObjectReader) -> BatchScan? {
    let problemsBefore = reader.collector.issues.count
    let times = reader.required(
      "scanTimes", fix: "Add \"scanTimes\" with local start times, such as [\"02:00\"]"
    )
    .flatMap(decodeScanTimes)
    let days = reader.optional("scanDays").flatMap(decodeScanDays)
    let prompts = reader.required("promptsPerScan", fix: "Add \"promptsPerScan\", such as 20000")?
      .integer(
        in: 1...Int64(Int.max), expected: "a positive whole number of prompts",
        fix: "Set promptsPerScan to at least 1")
    let workers = reader.required(
      "workers", fix: "Add \"workers\" with the scanner's concurrent requests, such as 16")?
      .integer(
        in: 1...Int64(Int.max), expected: "a positive whole number of workers",
        fix: "Set workers to at least 1")
    guard reader.collector.issues.count == problemsBefore, let times, let prompts, let workers
    else { return nil }
    return BatchScan(
      startTimesOfDay: times, daysOfWeek: days ?? [], prompts: Int(prompts), workers: Int(workers))
  }

  /// Reads local times of day as seconds after midnight, sorted.
  private static func decodeScanTimes(_ value: ConfigValueReader) -> [Int]? {
    let fix = "Write local times on a 24-hour clock, such as [\"02:00\", \"14:30\"]"
    guard let elements = value.array(expected: "an array of local times of day", fix: fix) else {
      return nil
    }
    guard !elements.isEmpty else {
      value.reportExpected("a non-empty array of local times of day", fix: fix)
      return nil
    }
    var seconds: [Int] = []
    var valid = true
    for element in elements {
      guard let time = decodeTimeOfDay(element) else {
        valid = false
        continue
      }
      if seconds.contains(time) {
        element.report("is listed twice", fix: "List each scan time once")
        valid = false
      }
      seconds.append(time)
    }
    return valid ? seconds.sorted() : nil
  }

  /// Reads `"HH:MM"` or `"HH:MM:SS"` on a 24-hour clock as seconds after midnight.
  static func decodeTimeOfDay(_ value: ConfigValueReader) -> Int? {
    let expected = "a local time of day \"HH:MM\" or \"HH:MM:SS\" from 00:00 to 23:59:59"
    let fix = "Write the time on a 24-hour clock with two digits per part, such as \"02:00\""
    guard let text = value.string(expected: expected, fix: fix) else { return nil }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    let numbers = parts.map { part in
      part.count == 2 && part.allSatisfy { $0.isASCII && $0.isNumber } ? Int(part) : nil
    }
    let limits = [23, 59, 59]
    guard (2...3).contains(parts.count),
      zip(numbers, limits).allSatisfy({ number, limit in number.map { $0 <= limit } ?? false })
    else {
      value.reportExpected(expected, fix: fix)
      return nil
    }
    let components = numbers.compactMap { $0 } + [0]
    return components[0] * 3_600 + components[1] * 60 + components[2]
  }

  /// Reads day names as 1 = Monday … 7 = Sunday, in the order written.
  private static func decodeScanDays(_ value: ConfigValueReader) -> [Int]? {
    let fix = "Write the days such as [\"mon\", \"wed\", \"fri\"], or remove scanDays for every day"
    guard let elements = value.array(expected: "an array of day names", fix: fix) else {
      return nil
    }
    guard !elements.isEmpty else {
      value.reportExpected("a non-empty array of day names", fix: fix)
      return nil
    }
    var days: [Int] = []
    var valid = true
    for element in elements {
      guard let index = decodeDayName(element) else {
        valid = false
        continue
      }
      if days.contains(index + 1) {
        element.report("is listed twice", fix: "List each scan day once")
        valid = false
      }
      days.append(index + 1)
    }
    return valid ? days.sorted() : nil
  }

  /// Reads a three-letter day name as its index in ``dayNames``. A full or capitalized name
  /// gets its short form as the suggestion.
  private static func decodeDayName(_ value: ConfigValueReader) -> Int? {
    if let text = value.value.stringValue, !dayNames.contains(text),
      let index = dayNames.firstIndex(of: String(text.lowercased().prefix(3)))
    {
      value.reportExpected(
        ConfigValueReader.alternatives(dayNames), fix: "Did you mean '\(dayNames[index])'?")
      return nil
    }
    return value.choice(among: dayNames).flatMap(dayNames.firstIndex(of:))
  }

  /// Reads the trace settings. The workload decoder reads the rows.
  private static func decodeTrace(from reader: ConfigObjectReader) -> TraceReplay? {
    let path = reader.required(
      "traceFile", fix: "Add \"traceFile\" with the path of a CSV trace, relative to this file")?
      .nonEmptyString(
        expected: "a file path", fix: "Write the path of the trace in double quotes")
    let timeScale = reader.optional("timeScale")?
      .number(
        in: 0...Double.greatestFiniteMagnitude, excludingLowerBound: true,
        expected: "a positive factor",
        fix: "Set timeScale above 0: 1 replays at the recorded pace, 0.5 twice as fast")
    let loops = reader.optional("loop")?.bool(fix: "Write true or false without quotes")
    guard let path else { return nil }
    return TraceReplay(rows: [], timeScale: timeScale ?? 1, loops: loops ?? false, source: path)
  }
}
