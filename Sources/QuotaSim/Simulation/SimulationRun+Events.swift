import Foundation

extension SimulationRun {
  func handle(_ event: SimulationEvent) {
    if engine.now >= metricsRollAt { rollMetrics() }
    switch event {
    case .attempt(let slot):
      askEnforcer(slot: Int(slot))
    case .response(let slot):
      respond(slot: Int(slot))
    case .scanStart(let workload):
      startScan(workload: Int(workload))
    case .scanNext(let scan):
      continueScan(Int(scan))
    }
  }

  // MARK: - Arrivals

  /// Starts the pending open-loop request of `workload` and draws the next one.
  func arrive(workload: Int) {
    guard let request = pendingArrivals[workload]?.request else { return }
    scheduleNextArrival(of: workload)
    startRequest(
      workload: workload, scan: -1, prompt: request.promptTokens,
      completion: request.completionTokens)
  }

  private func startScan(workload: Int) {
    let source = sources[workload]
    if case .batch(let scan) = scenario.workloads[workload].arrivals {
      let index = Int32(scans.count)
      let workers = max(0, min(scan.workers, scan.prompts))
      scans.append(
        ScanProgress(workload: Int32(workload), remaining: scan.prompts - workers, running: workers)
      )
      for _ in 0..<workers {
        let sizes = source.drawSizes()
        startRequest(
          workload: workload, scan: index, prompt: sizes.prompt, completion: sizes.completion)
      }
    }
    let after = engine.now.advanced(byMicroseconds: 1)
    if let next = source.nextScanStart(after: after) {
      schedule(.scanStart(workload: Int32(workload)), at: next)
    }
  }

  private func startRequest(workload: Int, scan: Int32, prompt: Int64, completion: Int64) {
    let primary = primaries[workload]
    let estimate = estimator.estimate(
      promptTokens: prompt, maxTokens: workloadMaxTokens[workload],
      choices: workloadChoices[workload],
      defaultOutputEstimate: defaultOutputEstimates[primary.index])
    let slot = occupySlot(
      estimate: estimate, primary: primary, workload: Int32(workload), scan: scan, prompt: prompt,
      completion: completion)
    nextRequestID += 1
    metrics[primary.index].current.offered += 1
    outcomes.simulated += 1
    askEnforcer(slot: slot)
  }

  // MARK: - Decisions

  private func askEnforcer(slot: Int) {
    let deferralsBefore = slots[slot].state.deferrals
    let decision = enforcer.nextStep(for: &slots[slot].state, observer: self)
    switch decision {
    case .send(let deployment):
      send(slot: slot, to: deployment)
    case .deferUntil(let instant):
      noteDeferral(slot: slot, deferralsBefore: deferralsBefore)
      record(.deferral, slot: slot, deployment: slots[slot].target, until: instant)
      schedule(.attempt(slot: Int32(slot)), at: instant)
    case .drop(let reason):
      record(.drop, slot: slot, deployment: slots[slot].target, error: reason)
      end(slot: slot, failure: reason)
    }
  }

  private func send(slot: Int, to deployment: DeploymentID) {
    let now = engine.now
    slots[slot].target = deployment
    let workload = Int(slots[slot].workload)
    let azureEstimate = admissionRules[deployment.index].estimate(
      promptTokens: slots[slot].promptTokens, maxTokens: workloadMaxTokens[workload],
      choices: workloadChoices[workload])
    metrics[deployment.index].current.attempts += 1
    record(.attempt, slot: slot, deployment: deployment)

    switch endpoints[deployment.index].admit(estimate: azureEstimate, at: now) {
    case .admitted:
      metrics[deployment.index].series?.countAdmitted(estimateTokens: azureEstimate, at: now)
      let completion = slots[slot].completionTokens.multipliedClamped(by: workloadChoices[workload])
      let serviceTime = serviceTimes[deployment.index]
      let normal =
        serviceTime.spread > 0
        ? draw { try endpointStreams[deployment.index].normal(mean: 0, standardDeviation: 1) } : 0
      let service = serviceTime.durationMicroseconds(
        completionTokens: completion, standardNormal: normal)
      schedule(.response(slot: Int32(slot)), at: now.advanced(byMicroseconds: service))

    case .rateLimited(let refusal):
      metrics[deployment.index].current.rateLimited += 1
      metrics[deployment.index].series?.countRateLimited(at: now)
      let response = SimulatedResponses.rateLimited(
        refusal, style: scenario.endpoints[deployment.index].retryHeaders)
      apply(
        enforcer.handle(.response(response), for: &slots[slot].state, observer: self), slot: slot,
        status: 429)

    case .quotaExceeded(let retryAfterSeconds, _):
      metrics[deployment.index].current.quotaRefused += 1
      metrics[deployment.index].series?.countQuotaRefused(at: now)
      if metrics[deployment.index].current.first403 == nil {
        metrics[deployment.index].current.first403 = now
      }
      let response = SimulatedResponses.quotaExceeded(retryAfterSeconds: retryAfterSeconds)
      apply(
        enforcer.handle(.response(response), for: &slots[slot].state, observer: self), slot: slot,
        status: 403)

    case .neverAdmissible:
      metrics[deployment.index].current.neverAdmissible += 1
      apply(
        enforcer.handle(
          .response(SimulatedResponses.neverAdmissible()), for: &slots[slot].state, observer: self),
        slot: slot, status: 400)
    }
  }

  private func respond(slot: Int) {
    let now = engine.now
    let deployment = slots[slot].target
    let choices = workloadChoices[Int(slots[slot].workload)]
    let completion = slots[slot].completionTokens.multipliedClamped(by: choices)
    let usage = TokenUsage(promptTokens: slots[slot].promptTokens, completionTokens: completion)
    endpoints[deployment.index].recordUsage(totalTokens: usage.totalTokens, at: now)
    apply(
      enforcer.handleSuccess(usage: usage, for: &slots[slot].state, observer: self), slot: slot,
      status: 200)
  }

  private func apply(_ decision: ResponseDecision, slot: Int, status: Int) {
    let deployment = slots[slot].target
    switch decision {
    case .done(let usage):
      let direct = deployment == slots[slot].state.primary
      metrics[deployment.index].serve(
        prompt: usage.promptTokens, completion: usage.completionTokens, total: usage.totalTokens,
        direct: direct, at: engine.now)
      latency.add(
        microseconds: engine.now.microsecondsSinceEpoch
          - slots[slot].arrival.microsecondsSinceEpoch)
      outcomes.served += 1
      record(.done, slot: slot, deployment: deployment, status: status, tokens: usage.totalTokens)
      release(slot: slot)
    case .retry(let instant):
      metrics[deployment.index].current.retries += 1
      record(.retry, slot: slot, deployment: deployment, status: status, until: instant)
      schedule(.attempt(slot: Int32(slot)), at: instant)
    case .fallBack(let next):
      record(.fallBack, slot: slot, deployment: deployment, status: status)
      send(slot: slot, to: next)
    case .deferUntil(let instant):
      noteDeferral(slot: slot, deferralsBefore: slots[slot].state.deferrals - 1)
      record(.deferral, slot: slot, deployment: deployment, status: status, until: instant)
      schedule(.attempt(slot: Int32(slot)), at: instant)
    case .fail(let reason):
      record(.failure, slot: slot, deployment: deployment, status: status, error: reason)
      end(slot: slot, failure: reason)
    }
  }

  private func noteDeferral(slot: Int, deferralsBefore: Int) {
    guard deferralsBefore == 0 else { return }
    let primary = slots[slot].state.primary
    metrics[primary.index].current.deferred += 1
  }

  private func end(slot: Int, failure: FailureReason) {
    let charged = slots[slot].state.current ?? slots[slot].state.primary
    metrics[charged.index].current.dropped += 1
    outcomes.dropped += 1
    dropCounts.add(failure)
    release(slot: slot)
  }

  // MARK: - Metrics

  /// Moves every deployment's metrics to the period containing now, and notes when the next
  /// period boundary comes, so that events in between update counters without a check.
  func rollMetrics() {
    let now = engine.now
    var next = Instant.distantFuture
    for index in metrics.indices {
      metrics[index].roll(to: now)
      next = min(next, metrics[index].current.end)
    }
    metricsRollAt = next
  }

  // MARK: - Slots

  /// Puts a new request of `estimate` tokens aimed at `primary` into a free slot, or a new
  /// one, and returns the slot's index.
  ///
  /// A reused slot is written field by field, its request state straight from the enforcer,
  /// rather than replaced by a whole new value.
  private func occupySlot(
    estimate: Int64, primary: DeploymentID, workload: Int32, scan: Int32, prompt: Int64,
    completion: Int64
  ) -> Int {
    guard let free = freeSlots.popLast() else {
      slots.append(
        InFlightRequest(
          state: enforcer.makeRequest(id: nextRequestID, estimate: estimate, primary: primary),
          workload: workload, scan: scan, promptTokens: prompt, completionTokens: completion,
          arrival: engine.now, target: primary, inUse: true))
      return slots.count - 1
    }
    let slot = Int(free)
    slots[slot].state = enforcer.makeRequest(
      id: nextRequestID, estimate: estimate, primary: primary)
    slots[slot].workload = workload
    slots[slot].scan = scan
    slots[slot].promptTokens = prompt
    slots[slot].completionTokens = completion
    slots[slot].arrival = engine.now
    slots[slot].target = primary
    slots[slot].inUse = true
    return slot
  }

  private func release(slot: Int) {
    slots[slot].inUse = false
    freeSlots.append(Int32(slot))
    let scan = Int(slots[slot].scan)
    guard scan >= 0 else { return }
    // The worker's next prompt starts as a new event at the same instant, so a scan whose
    // requests all end at once does not recurse once per prompt.
    schedule(.scanNext(scan: Int32(scan)), at: engine.now)
  }

  private func continueScan(_ scan: Int) {
    let workload = Int(scans[scan].workload)
    guard scans[scan].remaining > 0 else {
      scans[scan].running -= 1
      return
    }
    scans[scan].remaining -= 1
    let sizes = sources[workload].drawSizes()
    startRequest(
      workload: workload, scan: Int32(scan), prompt: sizes.prompt, completion: sizes.completion)
  }

  private func draw(_ body: () throws -> Double) -> Double {
    do {
      return try body()
    } catch {
      preconditionFailure("a draw with fixed valid parameters failed: \(error)")
    }
  }

  private func record(
    _ kind: TraceEvent.Kind, slot: Int, deployment: DeploymentID, status: Int? = nil,
    until: Instant? = nil, tokens: Int64? = nil, error: FailureReason? = nil
  ) {
    guard let trace else { return }
    let state = slots[slot].state
    trace(
      TraceEvent(
        at: engine.now, request: state.id,
        workload: scenario.workloads[Int(slots[slot].workload)].name,
        deployment: scenario.catalog[deployment].name,
        attempt: kind == .fallBack ? state.attempts - 1 : state.attempts, kind: kind,
        status: status, until: until, tokens: tokens, error: error?.description))
  }
}

extension SimulationRun: RoutingObserver {
  public func enforcerDidThrottle(_ deployment: DeploymentID, request: RequestState) {
    metrics[deployment.index].current.localThrottles += 1
    if metrics[deployment.index].current.throttleStart == nil {
      metrics[deployment.index].current.throttleStart = engine.now
    }
  }

  public func enforcerDidSkip(
    _ deployment: DeploymentID, because admission: Admission, request: RequestState
  ) {
    metrics[deployment.index].current.skips += 1
  }

  public func enforcerDidFire(_ alerts: [QuotaAlert]) {
    for alert in alerts {
      guard let deployment = scenario.catalog.id(named: alert.deployment) else { continue }
      metrics[deployment.index].current.alerts.append(
        AlertFigure(thresholdPercent: alert.thresholdPercent, at: alert.at))
    }
  }
}
