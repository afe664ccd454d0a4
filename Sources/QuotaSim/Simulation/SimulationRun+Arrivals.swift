/// A workload's next open-loop request, kept beside the event queue rather than in it.
///
/// Each open-loop workload has exactly one request pending at a time, so the run compares it
/// with the queue's first event instead of pushing and popping an arrival event per request.
/// The sequence number is the one the queue would have given that event when it was drawn,
/// so the order is the same as with one queue: time, then priority (0 for arrivals), then
/// sequence.
struct PendingArrival {
  /// The request, with its arrival instant.
  var request: GeneratedRequest
  /// The arrival's position in scheduling order among all events of the run.
  var sequence: UInt64

  /// Returns whether the arrival comes before the queued `event`.
  func precedes(_ event: ScheduledEvent<SimulationEvent>) -> Bool {
    if request.arrival != event.time { return request.arrival < event.time }
    if event.priority != 0 { return 0 < event.priority }
    return sequence < event.sequence
  }
}

extension SimulationRun {
  /// Handles the queued events and the workloads' pending arrivals before `end` in one
  /// order, then moves the clock to `end`.
  ///
  /// The loop does what ``SimulationEngine/run(until:handler:)`` does for the queue alone,
  /// and takes an arrival whenever it precedes the queue's first event.
  func runEvents(until end: Instant) {
    while true {
      let arrival = firstPendingArrival()
      let queued = engine.peek()
      if let arrival, queued.map({ arrival.pending.precedes($0) }) ?? true {
        guard arrival.pending.request.arrival < end else { break }
        engine.clock.advance(to: arrival.pending.request.arrival)
        if engine.now >= metricsRollAt { rollMetrics() }
        arrive(workload: arrival.workload)
      } else if let queued, queued.time < end {
        guard let scheduled = engine.step() else { break }
        handle(scheduled.event)
      } else {
        break
      }
    }
    engine.clock.advance(to: max(end, engine.now))
  }

  /// Returns the workload whose pending arrival comes first, with that arrival, or `nil`
  /// when no open-loop request is pending.
  ///
  /// - Complexity: O(w) for w workloads.
  private func firstPendingArrival() -> (workload: Int, pending: PendingArrival)? {
    var first: (workload: Int, pending: PendingArrival)?
    for workload in pendingArrivals.indices {
      guard let pending = pendingArrivals[workload] else { continue }
      if let current = first {
        let earlier =
          pending.request.arrival != current.pending.request.arrival
          ? pending.request.arrival < current.pending.request.arrival
          : pending.sequence < current.pending.sequence
        if !earlier { continue }
      }
      first = (workload, pending)
    }
    return first
  }
}
