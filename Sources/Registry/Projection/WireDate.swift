import Foundation

/// The wire's date form, `2026-11-30T21:07:23Z` (RFC 3339 `date-time`,
/// UTC, whole seconds), written and read without Foundation's
/// `ISO8601FormatStyle`, which goes through `Calendar` for every date and
/// was an eighth of the 1,000-worker list's time through the socket (B10).
///
/// Same JSON as `.iso8601`: `string(_:)` writes exactly what
/// `Date.ISO8601FormatStyle()` writes (seconds rounded down, years
/// 1600–9999; any other date is handed to Foundation, whose calendar is
/// Julian before 1582), and `date(_:)` reads that form
/// itself and hands every other string (offsets, fractions, an invalid
/// day) to Foundation's parser, so what was accepted or refused before
/// still is. WireDateTests checks both against Foundation.
public enum WireDate {
    private static let secondsPerDay: Int64 = 86_400
    /// 1600-01-01T00:00:00Z and 10000-01-01T00:00:00Z, as seconds since
    /// 1970: between them Foundation's calendar is the proleptic Gregorian
    /// one computed here (before 1582 it is Julian).
    private static let earliest: Int64 = -11_676_096_000
    private static let end: Int64 = 253_402_300_800

    public static func string(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval.isFinite, interval >= Double(earliest), interval < Double(end) else {
            return date.formatted(.iso8601)
        }
        let seconds = Int64(interval)
        let days = seconds >= 0 ? seconds / secondsPerDay : (seconds - secondsPerDay + 1) / secondsPerDay
        let secondOfDay = Int(seconds - days * secondsPerDay)
        let (year, month, day) = civil(fromDays: days)
        var bytes = [UInt8](repeating: 0, count: 20)
        func put(_ value: Int, at index: Int, width: Int) {
            var value = value
            for i in stride(from: index + width - 1, through: index, by: -1) {
                bytes[i] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
            }
        }
        put(year, at: 0, width: 4)
        bytes[4] = UInt8(ascii: "-")
        put(month, at: 5, width: 2)
        bytes[7] = UInt8(ascii: "-")
        put(day, at: 8, width: 2)
        bytes[10] = UInt8(ascii: "T")
        put(secondOfDay / 3600, at: 11, width: 2)
        bytes[13] = UInt8(ascii: ":")
        put(secondOfDay / 60 % 60, at: 14, width: 2)
        bytes[16] = UInt8(ascii: ":")
        put(secondOfDay % 60, at: 17, width: 2)
        bytes[19] = UInt8(ascii: "Z")
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The date a wire string names, or nil where Foundation's `.iso8601`
    /// parser refuses it too.
    public static func date(_ string: String) -> Date? {
        if let seconds = fastSeconds(string) { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        return try? Date.ISO8601FormatStyle().parse(string)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` with every field in range, else nil (and
    /// Foundation decides).
    private static func fastSeconds(_ string: String) -> Int64? {
        var string = string
        return string.withUTF8 { bytes -> Int64? in
            guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  bytes[19] == UInt8(ascii: "Z") else { return nil }
            func number(_ index: Int, _ width: Int) -> Int? {
                var value = 0
                for i in index..<(index + width) {
                    let digit = bytes[i] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  year >= 1600, (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
                  hour < 24, minute < 60, second < 60 else { return nil }
            let days = days(fromCivil: year, month, day)
            return days * secondsPerDay + Int64(hour * 3600 + minute * 60 + second)
        }
    }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days (Gregorian; used
    // from 1600 only, where Foundation's calendar agrees).

    private static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
