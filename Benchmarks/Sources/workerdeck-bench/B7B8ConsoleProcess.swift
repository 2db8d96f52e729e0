import Foundation

/// B7 (idle CPU with 100 workers) and B8 (start to first frame with 1,000
/// workers): the release `workerdeck` console over a bench store
/// (`--store`, its owner) in a detached 120×40 tmux session on a private
/// socket, observed through its test-events file.
enum B7B8ConsoleProcess {
    static func scratch(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wd-bench-\(getpid())-\(name)").path
    }

    /// B7: wait for `ready` and the worker list, let it settle 1 s, then read
    /// utime+stime from /proc before and after 10 s of idleness.
    static func idle() throws -> [BenchRow] {
        let store = try ConsoleSession.store(workers: 100)
        let tmux = ConsoleSession.Tmux()
        defer { tmux.stop() }
        let events = scratch("b7.events")
        try? FileManager.default.removeItem(atPath: events)
        let pid = try tmux.start("b7", ConsoleSession.command(store: store, events: events))
        defer { ConsoleSession.terminate(pid) }
        _ = try ConsoleSession.wait(for: events) { $0["event"] as? String == "ready" }
        _ = try ConsoleSession.wait(for: events) { $0["event"] as? String == "frame" && $0["workers"] as? Int == 100 }
        usleep(1_000_000)
        let framesBefore = ConsoleSession.events(events).filter { $0["event"] as? String == "frame" }.count
        let before = ConsoleSession.cpuTicks(pid)
        let clock = ContinuousClock()
        let start = clock.now
        usleep(10_000_000)
        let after = ConsoleSession.cpuTicks(pid)
        let seconds = (clock.now - start).milliseconds / 1000
        let framesAfter = ConsoleSession.events(events).filter { $0["event"] as? String == "frame" }.count
        let hz = Double(sysconf(Int32(_SC_CLK_TCK)))
        let cpuMs = Double(after - before) / hz * 1000
        let percent = cpuMs / (seconds * 1000) * 100
        return [
            BenchRow(id: "B7", what: "idle console, 100 workers, \(fmt(seconds, 1)) s: utime+stime from /proc (tick \(fmt(1000 / hz, 0)) ms); frames drawn meanwhile: \(framesAfter - framesBefore)",
                     measured: "\(fmt(cpuMs, 0)) ms CPU = \(fmt(percent, 2)) %", target: "< 0.5 %",
                     verdict: percent < 0.5 ? "met" : "MISSED"),
        ]
    }

    /// B8: from just before `tmux new-session` to the first `frame` event
    /// (polled every 0.5 ms), and to the first frame listing all 1,000
    /// workers; median of 5. The tmux spawn itself is measured alone too.
    static func firstFrame() throws -> [BenchRow] {
        let store = try ConsoleSession.store(workers: 1_000)
        let tmux = ConsoleSession.Tmux()
        defer { tmux.stop() }
        // Keeps the tmux server up between runs, as a terminal would be.
        _ = try tmux.start("holder", "sleep 600")
        var spawn: [Double] = [], first: [Double] = [], listed: [Double] = []
        for run in 1...5 {
            let marker = scratch("b8-touch-\(run)")
            let clock = ContinuousClock()
            var start = clock.now
            try tmux.launch("t\(run)", "touch '\(marker)'")
            while !FileManager.default.fileExists(atPath: marker) { usleep(500) }
            spawn.append((clock.now - start).milliseconds)
            try? FileManager.default.removeItem(atPath: marker)

            let events = scratch("b8-\(run).events")
            try? FileManager.default.removeItem(atPath: events)
            start = clock.now
            let pid = try tmux.start("c\(run)", ConsoleSession.command(store: store, events: events))
            _ = try ConsoleSession.wait(for: events) { $0["event"] as? String == "frame" }
            first.append((clock.now - start).milliseconds)
            _ = try ConsoleSession.wait(for: events) { $0["event"] as? String == "frame" && $0["workers"] as? Int == 1_000 }
            listed.append((clock.now - start).milliseconds)
            ConsoleSession.terminate(pid)
            try? FileManager.default.removeItem(atPath: events)
        }
        let firstMs = Measure.median(first), listedMs = Measure.median(listed)
        func all(_ v: [Double]) -> String { v.map { fmt($0, 0) }.joined(separator: ", ") }
        return [
            BenchRow(id: "B8", what: "tmux new-session of `touch` until the file exists (spawn overhead inside B8), median of 5",
                     measured: "\(fmt(Measure.median(spawn), 1)) ms", target: "—", verdict: "info"),
            BenchRow(id: "B8", what: "spawn → first frame, 1,000 workers in the store, median of 5 (\(all(first)))",
                     measured: "\(fmt(firstMs, 1)) ms", target: "< 200 ms", verdict: firstMs < 200 ? "met" : "MISSED"),
            BenchRow(id: "B8", what: "spawn → first frame listing all 1,000 workers, median of 5 (\(all(listed)))",
                     measured: "\(fmt(listedMs, 1)) ms", target: "< 200 ms", verdict: listedMs < 200 ? "met" : "MISSED"),
        ]
    }
}
