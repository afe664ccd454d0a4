/// Returns `value` in decimal digits, with a leading `-` when negative.
///
/// `String(value)` gives the same text through a slower generic path. Up to 15 characters
/// fit Swift's inline small strings, so such a result allocates nothing.
func decimalText(_ value: Int64) -> String {
  var digitCount = value < 0 ? 2 : 1
  var rest = value.magnitude / 10
  while rest > 0 {
    digitCount += 1
    rest /= 10
  }
  return String(unsafeUninitializedCapacity: digitCount) { buffer in
    var magnitude = value.magnitude
    var position = digitCount
    repeat {
      position -= 1
      buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
      magnitude /= 10
    } while magnitude > 0
    if value < 0 { buffer[0] = UInt8(ascii: "-") }
    return digitCount
  }
}
