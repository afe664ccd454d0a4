/// A proleptic Gregorian calendar date, converted to and from a count of days since
/// 1970-01-01 without Foundation.
///
/// The conversions are Howard Hinnant's `days_from_civil` and `civil_from_days` algorithms,
/// exact for every date in the `Int64` day range.
struct CivilDate: Equatable, Sendable {
  var year: Int64
  /// The month, 1 = January … 12 = December.
  var month: Int
  /// The day of the month, from 1.
  var day: Int

  /// The number of days in `month` of `year`.
  static func daysInMonth(year: Int64, month: Int) -> Int {
    switch month {
    case 2:
      let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return isLeap ? 29 : 28
    case 4, 6, 9, 11:
      return 30
    default:
      return 31
    }
  }

  /// Creates the date `daysSinceEpoch` days after 1970-01-01 (before it when negative).
  init(daysSinceEpoch: Int64) {
    let z = daysSinceEpoch + 719_468
    let era = z.floorDivided(by: 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
    year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  }

  init(year: Int64, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// The number of days from 1970-01-01 to this date.
  var daysSinceEpoch: Int64 {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = shiftedYear.floorDivided(by: 400)
    let yearOfEra = shiftedYear - era * 400
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The ISO weekday of the date `daysSinceEpoch` days after 1970-01-01: 1 = Monday …
  /// 7 = Sunday. 1970-01-01 was a Thursday.
  static func isoWeekday(daysSinceEpoch: Int64) -> Int {
    Int((daysSinceEpoch + 3).floorModulo(by: 7)) + 1
  }
}

extension Int64 {
  /// Returns the remainder of a division rounded toward negative infinity, which has the sign
  /// of the divisor.
  func floorModulo(by divisor: Int64) -> Int64 {
    self - floorDivided(by: divisor) * divisor
  }
}
