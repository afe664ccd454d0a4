/// One source of traffic, aimed at a primary deployment.
public struct WorkloadConfig: Sendable, Equatable {
  /// The workload's name, unique in its scenario.
  public var name: String
  /// The name of the deployment its requests go to first.
  public var deployment: String
  /// When requests arrive.
  public var arrivals: ArrivalProcess
  /// Prompt tokens per request.
  public var promptTokens: TokenSizeDistribution
  /// Completion tokens per request before the `max_tokens` cap.
  public var completionTokens: TokenSizeDistribution
  /// The rounding of a continuous prompt-size draw to whole tokens.
  public var promptRounding: TokenRounding
  /// The rounding of a continuous completion-size draw to whole tokens.
  public var completionRounding: TokenRounding
  /// The requests' `max_tokens`, or `nil` when they leave it unset.
  public var maxTokens: Int64?
  /// The requests' `n`: completions per request.
  public var choices: Int64

  public init(
    name: String, deployment: String, arrivals: ArrivalProcess,
    promptTokens: TokenSizeDistribution, completionTokens: TokenSizeDistribution,
    promptRounding: TokenRounding = .nearest, completionRounding: TokenRounding = .nearest,
    maxTokens: Int64? = nil, choices: Int64 = 1
  ) {
    self.name = name
    self.deployment = deployment
    self.arrivals = arrivals
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
    self.promptRounding = promptRounding
    self.completionRounding = completionRounding
    self.maxTokens = maxTokens
    self.choices = choices
  }
}

/// When a workload's requests arrive.
public enum ArrivalProcess: Sendable, Equatable {
  /// Open-loop Poisson arrivals, optionally shaped by time of day, day of week and growth.
  case poisson(PoissonArrivals)
  /// Scheduled batch scans: N prompts sent by C workers, each sending its next prompt when
  /// the previous one ends (closed loop).
  case batch(BatchScan)
  /// Arrivals and sizes replayed from a recorded trace.
  case trace(TraceReplay)
}

/// A non-homogeneous Poisson process: a base rate times the hour-of-day, day-of-week and
/// growth factors in force at each instant.
public struct PoissonArrivals: Sendable, Equatable {
  /// The mean arrival rate in requests per second, before the factors.
  public var ratePerSecond: Double
  /// 24 factors, one per local hour of day (midnight first), or `nil` for a flat day.
  public var hourOfDay: [Double]?
  /// 7 factors, Monday first, or `nil` for a flat week.
  public var dayOfWeek: [Double]?
  /// Growth per month, compounded daily: 0.10 is 10 % more traffic a month later.
  public var monthlyGrowth: Double

  public init(
    ratePerSecond: Double, hourOfDay: [Double]? = nil, dayOfWeek: [Double]? = nil,
    monthlyGrowth: Double = 0
  ) {
    self.ratePerSecond = ratePerSecond
    self.hourOfDay = hourOfDay
    self.dayOfWeek = dayOfWeek
    self.monthlyGrowth = monthlyGrowth
  }
}

/// A recurring batch scan, as LLM scanners such as garak load a deployment.
public struct BatchScan: Sendable, Equatable {
  /// Local times of day at which a scan starts, in seconds after midnight.
  public var startTimesOfDay: [Int]
  /// Days of week on which scans run, 1 = Monday … 7 = Sunday; all days when empty.
  public var daysOfWeek: [Int]
  /// Prompts per scan.
  public var prompts: Int
  /// Concurrent workers per scan.
  public var workers: Int

  public init(startTimesOfDay: [Int], daysOfWeek: [Int] = [], prompts: Int, workers: Int) {
    self.startTimesOfDay = startTimesOfDay
    self.daysOfWeek = daysOfWeek
    self.prompts = prompts
    self.workers = workers
  }
}

/// A recorded trace: one row per request with its offset and token counts.
public struct TraceReplay: Sendable, Equatable {
  /// The rows, sorted by offset.
  public var rows: [TraceRow]
  /// Multiplies the trace's time offsets: 0.5 replays twice as fast.
  public var timeScale: Double
  /// Whether the trace repeats to fill the horizon.
  public var loops: Bool
  /// Where the rows came from, for reports.
  public var source: String

  public init(rows: [TraceRow], timeScale: Double = 1, loops: Bool = false, source: String = "") {
    self.rows = rows
    self.timeScale = timeScale
    self.loops = loops
    self.source = source
  }
}

/// One request of a trace.
public struct TraceRow: Sendable, Equatable {
  /// Microseconds after the trace's first request.
  public var offsetMicroseconds: Int64
  /// The request's prompt tokens.
  public var promptTokens: Int64
  /// The response's completion tokens.
  public var completionTokens: Int64

  public init(offsetMicroseconds: Int64, promptTokens: Int64, completionTokens: Int64) {
    self.offsetMicroseconds = offsetMicroseconds
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
  }
}

/// The distribution of a token count.
public enum TokenSizeDistribution: Sendable, Equatable {
  /// Always this many tokens.
  case fixed(Int64)
  /// Normal with this mean and standard deviation, truncated at zero, rounded.
  case normal(mean: Double, standardDeviation: Double)
  /// Log-normal: the logarithm is normal with this `mu` and `sigma`; rounded.
  case logNormal(mu: Double, sigma: Double)
  /// Gamma with this shape k and scale θ (mean kθ); rounded.
  case gamma(shape: Double, scale: Double)
  /// A histogram: each bin `[lower, upper)` drawn with its weight, uniform inside the bin.
  case empirical([HistogramBin])
}

/// The rounding of a draw of a continuous token-size distribution (normal, log-normal,
/// gamma) to a whole number of tokens.
public enum TokenRounding: String, Sendable, Equatable, CaseIterable {
  /// To the nearest whole token, halves up.
  case nearest
  /// Up to the next whole token, as a count of started tokens.
  case up
  /// Down to the whole token below.
  case down
}

/// One bin of an empirical token-size histogram.
public struct HistogramBin: Sendable, Equatable {
  /// The smallest token count in the bin.
  public var lower: Int64
  /// One more than the largest token count in the bin.
  public var upper: Int64
  /// The bin's relative frequency, not necessarily normalised.
  public var weight: Double

  public init(lower: Int64, upper: Int64, weight: Double) {
    self.lower = lower
    self.upper = upper
    self.weight = weight
  }
}
