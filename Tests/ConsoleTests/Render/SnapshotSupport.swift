import Foundation
import Testing
@testable import Console

/// Golden frames: the text layer followed by a style-run layer
/// (`row: x0-x1 role, …`). Set WORKERDECK_UPDATE_SNAPSHOTS=1 to rewrite
/// them, then review the diff.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func serialise(_ frame: Frame) -> String {
        var out = "size \(frame.size.width)x\(frame.size.height)"
        if let c = frame.cursor { out += " cursor \(c.x),\(c.y)" } else { out += " cursor hidden" }
        out += "\n" + frame.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "|" + $0 + "|" }.joined(separator: "\n")
        out += "\n-- styles --\n"
        for y in 0..<frame.size.height {
            var runs: [String] = []
            var x = 0
            while x < frame.size.width {
                let role = frame[x, y].role
                var end = x
                while end + 1 < frame.size.width, frame[end + 1, y].role == role { end += 1 }
                if role != .text { runs.append("\(x)-\(end) \(role)") }
                x = end + 1
            }
            if !runs.isEmpty { out += "\(y): " + runs.joined(separator: ", ") + "\n" }
        }
        return out
    }

    static func assertMatches(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let actual = serialise(frame)
        let url = directory.appendingPathComponent(name + ".txt")
        if ProcessInfo.processInfo.environment["WORKERDECK_UPDATE_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing snapshot \(name).txt; run with WORKERDECK_UPDATE_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
            Issue.record("""
                snapshot \(name) differs at line \(firstDiff + 1):
                expected: \(firstDiff < e.count ? String(e[firstDiff]) : "<end>")
                actual:   \(firstDiff < a.count ? String(a[firstDiff]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }
}
