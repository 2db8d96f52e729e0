import Foundation
import Registry
import Testing

/// The wire's own date codec writes and reads exactly what Foundation's
/// `.iso8601` strategy did (B10 replaced it for speed, not for a new form).
struct WireDateTests {
    /// Deterministic spread over years 1–9999 with fractional seconds
    /// (a seeded LCG: the same dates every run).
    static func spread(_ count: Int) -> [Date] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var dates: [Date] = []
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit: Double = Double(state >> 11) / 9_007_199_254_740_992 // 2^53
            let seconds: Double = unit * 315_537_897_599 - 62_135_596_800 // years 1–9999
            dates.append(Date(timeIntervalSince1970: seconds))
        }
        return dates
    }

    @Test func writesWholeSecondsInUTCWithAZ() {
        #expect(WireDate.string(Date(timeIntervalSince1970: 1_700_000_000)) == "2023-11-14T22:13:20Z")
        #expect(WireDate.string(Date(timeIntervalSince1970: 1_700_000_000.999)) == "2023-11-14T22:13:20Z", "rounded down, as before")
        #expect(WireDate.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(WireDate.string(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(WireDate.string(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        #expect(WireDate.string(Date(timeIntervalSince1970: -11_676_096_000)) == "1600-01-01T00:00:00Z")
        // Before 1600 Foundation writes it (its calendar is Julian before 1582).
        #expect(WireDate.string(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-03T00:00:00Z")
        #expect(WireDate.string(Date(timeIntervalSince1970: 253_402_300_799.5)) == "9999-12-31T23:59:59Z")
    }

    @Test func writesWhatFoundationsISO8601Wrote() {
        let edgeSeconds: [TimeInterval] = [-11_676_096_000, -11_676_096_000.5, -12_219_292_800, 0, -0.25, 0.75, 951_782_399.5, 951_868_800, 4_107_542_400, -2_208_988_800.001,
                                           1_764_536_843.123_456]
        let edges = edgeSeconds.map(Date.init(timeIntervalSince1970:))
        for date in edges + Self.spread(5_000) {
            #expect(WireDate.string(date) == date.formatted(.iso8601), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func readsBackTheSecondItWrote() {
        for date in Self.spread(5_000) {
            let string = WireDate.string(date)
            let read = WireDate.date(string)
            #expect(read == Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)), "\(string)")
            #expect(read == (try? Date.ISO8601FormatStyle().parse(string)), "\(string)")
        }
    }

    /// Every other string goes to Foundation: what it accepted (offsets,
    /// fractions) and refused (a 30 February, garbage) is unchanged.
    @Test func readsOtherFormsAsFoundationDoes() {
        for string in ["2023-11-14T22:13:20+02:00", "2023-11-14T22:13:20.250Z", "2023-02-30T00:00:00Z", "2023-13-01T00:00:00Z",
                       "2023-11-14T24:00:00Z", "2023-11-14 22:13:20Z", "2023-11-14T22:13:20", "20231114T221320Z", "", "garbage",
                       "0000-01-01T00:00:00Z", "2023-11-14T22:13:60Z", "2023-1a-14T22:13:20Z", "1582-10-10T00:00:00Z",
                       "1599-12-31T23:59:59Z", "1600-01-01T00:00:00Z", "0001-01-01T00:00:00Z"] {
            #expect(WireDate.date(string) == (try? Date.ISO8601FormatStyle().parse(string)), "\(string)")
        }
        #expect(WireDate.date("2024-02-29T12:00:00Z") == Date(timeIntervalSince1970: 1_709_208_000))
    }

    @Test func theAPICodecCarriesDatesInThatForm() throws {
        let item = TranscriptItem(sequence: 1, role: .user, kind: .message, content: "c",
                                  createdAt: Date(timeIntervalSince1970: 1_700_000_000.5))
        let json = String(decoding: try ProjectionJSON.wireEncoder().encode(item), as: UTF8.self)
        #expect(json.contains(#""created_at":"2023-11-14T22:13:20Z""#))
        let read = try ProjectionJSON.decoder().decode(TranscriptItem.self, from: Data(json.utf8))
        #expect(read.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        // The CLI's sorted encoder writes the same date.
        #expect(ProjectionJSON.string(item).contains(#""created_at":"2023-11-14T22:13:20Z""#))
    }

    @Test func aBadDateFailsTheDecodeAsBefore() {
        let json = Data(#"{"sequence":1,"role":"user","kind":"message","content":"c","created_at":"yesterday","interrupted":false}"#.utf8)
        #expect {
            try ProjectionJSON.decoder().decode(TranscriptItem.self, from: json)
        } throws: { error in
            guard case let DecodingError.dataCorrupted(context)? = error as? DecodingError else { return false }
            return context.codingPath.last?.stringValue == "created_at"
        }
    }
}
