/// Finds the name a user probably meant, for "Did you mean …?" hints.
public enum NameSuggestion {
  /// Returns the candidate closest to `input`, or `nil` when none is close.
  ///
  /// A candidate is close when, ignoring case, it is at most a third of the input's length in
  /// edits away (at least one edit, at most three). An edit inserts, deletes or replaces one
  /// character, or swaps two neighbours. Failing that, a candidate that starts with an input
  /// of three or more characters is close. Ties go to the candidate listed first.
  public static func closest(to input: String, among candidates: [String]) -> String? {
    let typed = Array(input.lowercased())
    let allowed = max(1, min(3, typed.count / 3))
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let name = Array(candidate.lowercased())
      guard abs(name.count - typed.count) <= allowed else { continue }
      let distance = editDistance(typed, name)
      if distance <= allowed, distance < (best?.distance ?? .max) {
        best = (candidate, distance)
      }
    }
    if let best { return best.name }
    if typed.count >= 3 {
      return candidates.first { $0.lowercased().hasPrefix(input.lowercased()) }
    }
    return nil
  }

  /// Returns the optimal string alignment distance between `source` and `target`: the fewest
  /// insertions, deletions, replacements and swaps of neighbours that turn one into the other.
  ///
  /// - Complexity: O(*n* × *m*) time and O(*m*) memory.
  static func editDistance(_ source: [Character], _ target: [Character]) -> Int {
    if source.isEmpty { return target.count }
    if target.isEmpty { return source.count }
    var previousPrevious = [Int](repeating: 0, count: target.count + 1)
    var previous = Array(0...target.count)
    var current = [Int](repeating: 0, count: target.count + 1)
    for i in 1...source.count {
      current[0] = i
      for j in 1...target.count {
        let cost = source[i - 1] == target[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, source[i - 1] == target[j - 2], source[i - 2] == target[j - 1] {
          current[j] = min(current[j], previousPrevious[j - 2] + 1)
        }
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[target.count]
  }
}
