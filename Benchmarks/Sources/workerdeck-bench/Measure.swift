import Foundation

/// Plain wall-clock measurement with `ContinuousClock`, in milliseconds.
enum Measure {
    static func ms(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try body()
        return (clock.now - start).milliseconds
    }

    static func ms(_ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        try await body()
        return (clock.now - start).milliseconds
    }

    /// CPU time this process spent (all threads) running `body`, in ms: tells
    /// a slow operation from one that was merely preempted on a busy machine.
    static func cpuMs(_ body: () async throws -> Void) async rethrows -> Double {
        func now() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
        }
        let start = now()
        try await body()
        return now() - start
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        precondition(!values.isEmpty)
        let sorted = values.sorted()
        let index = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[index]
    }

    static func median(_ values: [Double]) -> Double { percentile(values, 50) }

    /// Peak resident set size of this process (VmHWM), in KiB.
    static func peakRSSKiB() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
        return -1
    }

    /// Runs a process to completion, returning wall time and stdout.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil)
        throws -> (ms: Double, output: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        var data = Data()
        let elapsed = try ms {
            try process.run()
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
        }
        return (elapsed, String(decoding: data, as: UTF8.self), process.terminationStatus)
    }
}

extension Duration {
    var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }
}

/// One row of the results table.
struct BenchRow {
    var id: String
    var what: String
    var measured: String
    var target: String
    var verdict: String
}

func fmt(_ value: Double, _ digits: Int = 2) -> String {
    String(format: "%.\(digits)f", value)
}
