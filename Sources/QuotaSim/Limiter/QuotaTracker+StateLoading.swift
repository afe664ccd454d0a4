/// Loading a tracker's usage from its state file.
extension QuotaTracker {
  /// Reads and decodes `file`; a damaged file either stops the load or, with
  /// ``DamagedStateFileAction/resetState``, is set aside under the file lock.
  ///
  /// The file is read again under the lock before it is set aside, because another process
  /// may have replaced it in the meantime.
  ///
  /// - Throws: ``TrackerStateError``.
  static func loadDocument(
    _ file: TrackerStateFile, knownNames: Set<String>, clock: any LimiterClock,
    log: (any LogSink)?, ifDamaged: DamagedStateFileAction
  ) throws(TrackerStateError) -> TrackerStateDocument {
    do throws(TrackerStateError) {
      return try readDocument(file, knownNames: knownNames)
    } catch let error where error.isDamage && ifDamaged == .resetState {
      do throws(TrackerStateError) {
        return try file.withExclusiveLock { () throws(TrackerStateError) in
          do throws(TrackerStateError) {
            return try readDocument(file, knownNames: knownNames)
          } catch let damage where damage.isDamage {
            let keptAs = try file.setAside(at: clock.now)
            log?.log(
              .warning, "Damaged state file set aside; starting with no usage.",
              metadata: ["file": file.path, "keptAs": keptAs, "error": damage.description])
            return TrackerStateDocument()
          }
        }
      } catch .saveFailed(let path, let step, let reason) {
        throw .resetFailed(path: path, reason: "\(step) failed: \(reason)")
      }
    }
  }

  private static func readDocument(_ file: TrackerStateFile, knownNames: Set<String>)
    throws(TrackerStateError) -> TrackerStateDocument
  {
    guard let data = try file.read() else { return TrackerStateDocument() }
    return try .decode(data, path: file.path, knownNames: knownNames)
  }

  /// Replaces the fresh tracker's states with the file's entries and logs what the file
  /// holds beyond them: quotas that differ from the catalog, entries of unknown deployments,
  /// periods the clock has not reached.
  func load(_ document: TrackerStateDocument) {
    let now = clock.now
    var notices: [(level: LogLevel, message: String, metadata: [String: String])] = []
    lock.withLock {
      for id in catalog.ids {
        guard let entry = document.deployments[catalog[id].name] else { continue }
        persistence?.baselines[id.index] = entry
        notices += load(entry, into: id, at: now)
      }
    }

    let file = persistence?.file.path ?? ""
    if !document.foreignDeployments.isEmpty {
      notices.append(
        (
          .notice, "State file holds deployments the catalog does not define; they are kept.",
          [
            "file": file,
            "deployments": document.foreignDeployments.keys.sorted().joined(separator: ", "),
          ]
        ))
    }
    for notice in notices {
      var metadata = notice.metadata
      metadata["file"] = file
      log?.log(notice.level, notice.message, metadata: metadata)
    }
  }

  /// Loads one entry into the state of `deployment` and returns the notices to log.
  ///
  /// Must be called under `lock`.
  private func load(_ entry: SavedDeploymentState, into deployment: DeploymentID, at now: Instant)
    -> [(level: LogLevel, message: String, metadata: [String: String])]
  {
    rollOver(deployment, at: now)
    var state = states[deployment.index]
    let calendar = calendars[deployment.index]
    let name = catalog[deployment].name
    var notices: [(level: LogLevel, message: String, metadata: [String: String])] = []

    var history = entry.history
    if entry.period == state.period.key {
      state.usage = entry.usage
      state.alerts = alerts(of: entry, deployment: deployment)
      state.throttleStartedAt = entry.throttleStartedAt
    } else if calendar.isPeriod(entry.period, before: state.period.key) {
      if entry.usage.totalTokens > 0 {
        history.addTokens(entry.usage.totalTokens, toPeriod: entry.period, calendar: calendar)
      }
      if calendar.period(withKey: entry.period) == nil {
        notices.append(
          (
            .notice,
            "Saved period is not a period of the deployment's calendar; its usage is kept as closed.",
            [
              "deployment": name, "savedPeriod": entry.period,
              "periodUnit": calendar.unit.rawValue,
            ]
          ))
      }
    } else {
      // A writer whose clock is behind the file's saves its usage to the history, under this
      // period's key, so that is where this period's usage so far is.
      state.usage = TokenUsage(totalTokens: history.tokens(ofPeriod: state.period.key))
      notices.append(
        (
          .warning,
          "State file holds a later period than the clock; the current period's usage is "
            + "taken from the file's history.",
          ["deployment": name, "savedPeriod": entry.period, "currentPeriod": state.period.key]
        ))
    }
    state.history = history.filter { $0.period != state.period.key }

    state.exhaustedUntil = entry.exhaustedUntil
    state.blockedUntil = entry.blockedUntil
    state.exhaustionEvents = Int(clamping: entry.exhaustionEvents)
    state.accessDenied = entry.accessDenied
    state.estimatedTokens = entry.estimatedTokens
    state.actualTokensOfEstimates = entry.actualTokensOfEstimates
    states[deployment.index] = state

    let quota = catalog[deployment].tokenQuota
    if let saved = entry.quotaAtLastSave, saved != quota {
      notices.append(
        (
          .notice, "Saved quota differs from the catalog; the catalog's quota applies.",
          [
            "deployment": name, "savedQuota": "\(saved)",
            "catalogQuota": quota.map { "\($0)" } ?? "none",
          ]
        ))
    }
    return notices
  }

  /// Returns the alerts recorded in a file entry as tracker alerts.
  func alerts(of entry: SavedDeploymentState, deployment: DeploymentID) -> [QuotaAlert] {
    let quota = catalog[deployment].tokenQuota ?? entry.quotaAtLastSave ?? 0
    return entry.alertsSent.map { saved in
      QuotaAlert(
        deployment: catalog[deployment].name,
        thresholdPartsPerMillion: saved.thresholdPartsPerMillion, period: entry.period,
        at: saved.at, usedTokens: saved.usedTokens, quota: quota)
    }
  }
}

/// Returns the alerts of both lists, one per threshold (the earliest), in ascending order.
func unite(_ first: [QuotaAlert], _ second: [QuotaAlert]) -> [QuotaAlert] {
  var byThreshold: [Int64: QuotaAlert] = [:]
  for alert in first + second {
    if let existing = byThreshold[alert.thresholdPartsPerMillion], existing.at <= alert.at {
      continue
    }
    byThreshold[alert.thresholdPartsPerMillion] = alert
  }
  return byThreshold.values.sorted { $0.thresholdPartsPerMillion < $1.thresholdPartsPerMillion }
}
