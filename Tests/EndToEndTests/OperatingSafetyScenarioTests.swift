import Foundation
import Testing

/// Issue 10, "a console an operator can trust": console.md "Operating safety
/// and feedback" and quality.md R10, end to end in tmux. Real keys (by
/// `[keys]` command name), the real embedded runtime over a file store, the
/// `scripted` scheme (slowed down with `delay_ms` where a turn must stay busy),
/// and the `workerdeck` CLI to check what the console did to the workers.
///
/// Frame events (`WORKERDECK_TEST_EVENTS`) these scenarios rely on: `focus`,
/// `overlay` (only while one is open), `open` ("runtime/worker"), `status`
/// (of the shown worker), `entries`, `streaming`, `workers`, `draft` (the
/// length of the shown worker's composer text) and `flash` (the flash line's
/// message, absent when none); each new flash-line message is also an
/// event `{"event":…,"level":…,"message":…}`, named `toast` as of ac44b42
/// (`flash` was planned; `isFlashEvent` takes either).
///
/// A CLI call while the console runs opens the store read-only and shows
/// what the console last committed; lifecycle calls (`stop`) are refused
/// then, so workers that must be stale or stopped are made with the CLI
/// before the console starts.
@Suite(.serialized)
struct OperatingSafetyScenarioTests {
    /// Every printable ASCII character, 0x20 through 0x7E, in order. Typed in
    /// one `send-keys -l`: tmux reads a trailing `;` in an argument as a
    /// command separator, and this string ends with `~`.
    static let printable = String((0x20...0x7E).map { Character(Unicode.Scalar(UInt8($0))) })

    /// A scripted provider that waits `delayMs` before each delta, so a turn
    /// of many words stays busy for a while; profile `slow`.
    /// Stale workers must stay stale here until the test reconnects them,
    /// so the console's reconnect at start is off.
    static func slowConfig(delayMs: Int) -> String {
        """
        [runtime]
        reconnect_on_start = false

        [providers.slow]
        scheme = "scripted"
        delay_ms = \(delayMs)

        [profiles.slow]
        model = "slow/echo"
        """
    }

    /// `count` distinct words `prefix01 prefix02 …`; the scripted reply
    /// streams them reversed, one delta each.
    static func words(_ prefix: String, _ count: Int) -> [String] {
        (1...count).map { "\(prefix)\(String(format: "%02d", $0))" }
    }

    static func reply(to words: [String]) -> String {
        "[scripted] " + words.reversed().joined(separator: " ")
    }

    // MARK: 1. R10: typed text never fires a binding

    @Test func typedTextNeverFiresABindingAt100x30() async throws {
        try await typedTextNeverFiresABinding(width: 100, height: 30)
    }

    @Test func typedTextNeverFiresABindingAt80x24() async throws {
        try await typedTextNeverFiresABinding(width: 80, height: 24)
    }

    /// A stale, a stopped, a busy and a local worker: after `i`, all 95
    /// printable characters land in that worker's composer; no dialog opens,
    /// focus stays in the composer, and no worker changes state.
    func typedTextNeverFiresABinding(width: Int, height: Int) async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(Self.slowConfig(delayMs: 300))
        try LegacyFixture.write(into: cli.legacyDir, workspace: cli.workspace)
        // Made by earlier processes: their execution did not survive, so the
        // console finds the first stale; the second is stopped for good.
        let stale = try await createWithCLI(cli, label: "stale-w", input: "hello stale worker")
        let stopped = try await createWithCLI(cli, label: "stopped-w", input: "hello stopped worker")
        let stop = try await cli.run("stop", stopped.runtime, stopped.id)
        #expect(stop.status == 0, "\(stop.stderr)")
        let localRow = try #require(try await workersJSON(cli).first { $0["runtime_id"] as? String == "local-compat" })
        let local = Ref(runtime: "local-compat", id: try #require(localRow["worker_id"] as? String), label: "api")

        let console = try ConsoleDriver(cli, width: width, height: height)
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.waitFor("stopped-w")

        // Busy: a live turn of 60 words at 300 ms a delta (about 18 s).
        let busyWords = Self.words("b", 60)
        let busy = try await createInConsole(console, profile: "slow", label: "busy-w", input: busyWords.joined(separator: " "))
        try await console.waitForFrame("busy-w busy") { $0["open"] as? String == busy.key && $0["status"] as? String == "busy" }

        let baseline = try await statuses(cli)
        #expect(baseline[stale.key] == "stale")
        #expect(baseline[stopped.key] == "stopped")
        #expect(baseline[busy.key] == "busy")
        #expect(baseline[local.key] != nil)
        #expect(baseline.count == 4)

        for worker in [busy, stale, stopped, local] {
            try await typeEveryPrintableKey(at: worker, console, cli, baseline: baseline, busy: busy, width: width)
        }

        // The busy turn was never interrupted: it ends on its own with the whole reply.
        let ended = try await waitForCLI(cli, "busy-w idle again", timeout: .seconds(90)) { cli in
            try await statuses(cli)[busy.key] == "idle"
        }
        #expect(ended)
        let items = try await transcriptItems(cli, busy)
        #expect(items.last?["content"] as? String == Self.reply(to: busyWords))
        #expect(!items.contains { ($0["content"] as? String)?.contains("interrupted") == true })
        let final = try await statuses(cli)
        #expect(final[stale.key] == "stale")
        #expect(final[stopped.key] == "stopped")
        #expect(final[local.key] == baseline[local.key])
        #expect(final.count == 4)
        try await console.quit()
    }

    func typeEveryPrintableKey(at worker: Ref, _ console: ConsoleDriver, _ cli: CLI, baseline: [String: String],
                               busy: Ref, width: Int) async throws {
        try await console.focusPane("workers")
        try await moveCursor(console, to: worker.label, width: width)
        try console.press("focus_composer")
        try await console.waitForFrame("the composer of \(worker.label)") {
            $0["focus"] as? String == "composer" && $0["open"] as? String == worker.key
        }
        let start = console.events.events().count
        try console.type(Self.printable)
        let typed = try await console.waitForFrame("95 characters in \(worker.label)'s draft", timeout: .seconds(10)) {
            $0["draft"] as? Int == 95
        }
        #expect(typed["open"] as? String == worker.key, "\(worker.label)")
        let after = console.events.events().dropFirst(start)
        let frames = after.filter { $0["event"] as? String == "frame" }
        let overlays = frames.compactMap { $0["overlay"] as? String }
        #expect(overlays.isEmpty, "typing at \(worker.label) opened \(overlays)")
        #expect(frames.allSatisfy { $0["focus"] as? String == "composer" }, "typing at \(worker.label) moved the focus")
        #expect(frames.allSatisfy { $0["workers"] as? Int == 4 }, "typing at \(worker.label) changed the worker count")
        // A key that fired a binding would say why it could not act.
        let errors = after.filter { Self.isFlashEvent($0) && $0["level"] as? String == "error" }
        #expect(errors.isEmpty, "typing at \(worker.label) flashed \(errors.compactMap { $0["message"] })")
        // The composer shows the end of the text (it scrolls to the cursor).
        try await console.waitForScreen(timeout: .seconds(5)) { $0.contains("xyz{|}~") }

        let now = try await statuses(cli)
        #expect(now.count == baseline.count, "typing at \(worker.label) created a worker: \(now)")
        for (key, status) in baseline where key != busy.key {
            #expect(now[key] == status, "typing at \(worker.label): \(key) went from \(status) to \(now[key] ?? "nothing")")
        }
        if worker.key == busy.key {
            #expect(now[busy.key] == "busy", "typing at busy-w ended its turn")
        } else {
            // It may have finished on its own meanwhile, never anything else.
            #expect(["busy", "idle"].contains(now[busy.key]), "typing at \(worker.label): busy-w is \(now[busy.key] ?? "gone")")
        }
        try console.press("leave")
        try await console.waitForFrame("left \(worker.label)'s composer") { $0["focus"] as? String != "composer" }
    }

    // MARK: 2. One flash line

    /// An error followed by a success shows only the success, on the row
    /// just above the action bar, never over the composer; `:messages` shows
    /// both in full.
    @Test func theFlashLineShowsOnlyTheNewestMessage() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let height = 30
        let console = try ConsoleDriver(cli, height: height)
        defer { console.close() }
        try await console.events.waitFor("ready")
        let worker = try await createInConsole(console, profile: "scripted", label: "flashy", input: "alpha beta gamma")
        try await console.waitFor("[scripted] gamma beta alpha")
        try await console.waitForFrame("idle after the reply") { $0["status"] as? String == "idle" && $0["entries"] as? Int == 2 }
        // A draft stays in the composer while the flash line is in use.
        let draft = "kept draft words"
        try console.type(draft)
        try await console.waitForFrame("draft typed") { $0["draft"] as? Int == draft.count }
        try console.press("leave")
        try await console.waitForFocus("transcript")

        // An error: nothing to interrupt on an idle worker.
        let eventsBefore = console.events.events().count
        try console.press("interrupt")
        let errorScreen = try await console.waitForScreen { Self.row($0, height - 2).contains("no turn is running") }
        try expectDraftRow(errorScreen, draft: draft, height: height)
        try await console.waitForFrame("flash: no turn is running") { ($0["flash"] as? String)?.contains("no turn is running") == true }
        // A failure the operator saw is also a log line.
        let log = try String(contentsOf: cli.dataDir.appendingPathComponent("logs/workerdeck.log"), encoding: .utf8)
        #expect(log.contains("console: x: no turn is running"))

        // A success: the newest message wins; the error is gone from the screen.
        try console.press("copy")
        let okScreen = try await console.waitForScreen { $0.contains("copied entry") && !$0.contains("no turn is running") }
        #expect(Self.row(okScreen, height - 2).contains("copied entry"))
        try expectDraftRow(okScreen, draft: draft, height: height)
        try await console.waitForFrame("flash: copied entry") { ($0["flash"] as? String)?.contains("copied entry") == true }

        let flashes = console.events.events().dropFirst(eventsBefore).filter(Self.isFlashEvent)
        #expect(flashes.count == 2, "\(flashes)")
        #expect(flashes.first?["level"] as? String == "error")
        #expect((flashes.first?["message"] as? String)?.contains("no turn is running") == true)
        #expect(flashes.last?["level"] as? String != "error")
        #expect((flashes.last?["message"] as? String)?.contains("copied entry") == true)
        #expect(try await statuses(cli)[worker.key] == "idle")

        // `:messages` lists both, in full.
        try console.press("command")
        try await console.waitForFrame("command line") { $0["overlay"] as? String == "command" }
        try console.type("messages")
        try console.send("Enter")
        try await console.waitForFrame("messages overlay") { $0["overlay"] as? String == "messages" }
        let messages = try await console.waitForScreen { $0.contains("Messages") && $0.contains("copied entry") }
        #expect(messages.contains("no turn is running"))
        try console.press("leave")
        try await console.waitForFrame("messages closed") { $0["overlay"] == nil }
        // "and a key": the same overlay from the `messages` binding.
        try console.press("messages")
        try await console.waitForFrame("messages overlay from its key") { $0["overlay"] as? String == "messages" }
        try console.press("leave")
        try await console.waitForFrame("messages closed again") { $0["overlay"] == nil }
        try await console.quit()
    }

    /// The composer row still shows the draft, and it is not the flash row.
    func expectDraftRow(_ screen: String, draft: String, height: Int) throws {
        let rows = Self.rows(screen)
        let draftRow = rows.firstIndex { $0.contains("> " + draft) }
        #expect(draftRow != nil, "the draft is not on screen:\n\(screen)")
        #expect(draftRow != height - 2, "the draft is on the flash row:\n\(screen)")
    }

    // MARK: 3. The list cursor is the worker

    /// Moving the cursor shows that worker (header and `open`); `x` then
    /// interrupts the worker shown, and only that one.
    @Test func theListCursorIsTheWorker() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(Self.slowConfig(delayMs: 300))
        let width = 100
        let console = try ConsoleDriver(cli, width: width)
        defer { console.close() }
        try await console.events.waitFor("ready")
        let calm = try await createInConsole(console, profile: "scripted", label: "calm", input: "one two three")
        try await console.waitFor("[scripted] three two one")
        try await console.waitForFrame("calm idle") { $0["status"] as? String == "idle" && $0["entries"] as? Int == 2 }
        let runner = try await createInConsole(console, profile: "slow", label: "runner",
                                               input: Self.words("r", 60).joined(separator: " "))
        try await console.waitForFrame("runner busy") { $0["open"] as? String == runner.key && $0["status"] as? String == "busy" }
        let calmBefore = try await transcriptItems(cli, calm)

        try await console.focusPane("workers")
        try await moveCursor(console, to: "calm", width: width)
        try await console.waitForFrame("the cursor on calm shows calm") { $0["open"] as? String == calm.key }
        try await console.waitForScreen { Self.header($0, width: width).contains("calm") }

        try console.press("move_down")
        try await console.waitForFrame("the cursor on runner shows runner") {
            $0["open"] as? String == runner.key && $0["status"] as? String == "busy" && $0["focus"] as? String == "workers"
        }
        let shown = try await console.waitForScreen { Self.header($0, width: width).contains("runner") }
        #expect(!Self.header(shown, width: width).contains("calm"))

        // Interrupt acts on the worker shown.
        try console.press("interrupt")
        // "interrupted <label>" (ac44b42: the display name, the id when unlabelled).
        try await console.waitForScreen { $0.contains("interrupted runner") || $0.contains("interrupted \(runner.id)") }
        try await console.waitForFrame("runner idle") { $0["open"] as? String == runner.key && $0["status"] as? String == "idle" }
        let flash = console.events.events().last { Self.isFlashEvent($0) && ($0["message"] as? String)?.contains("interrupted") == true }
        #expect(flash != nil, "no flash event for the interrupt")

        let interrupted = try await waitForCLI(cli, "runner idle in the store") { cli in
            try await statuses(cli)[runner.key] == "idle"
        }
        #expect(interrupted)
        let runnerItems = try await transcriptItems(cli, runner)
        // The partial reply kept and flagged, or a notice when nothing had streamed yet.
        #expect(runnerItems.contains { $0["interrupted"] as? Bool == true || ($0["content"] as? String)?.contains("interrupted") == true },
                "no interrupted entry: \(runnerItems.map { $0["content"] ?? "" })")
        #expect(runnerItems.last?["content"] as? String != Self.reply(to: Self.words("r", 60)))
        // The other worker is untouched.
        #expect(try await statuses(cli)[calm.key] == "idle")
        let calmAfter = try await transcriptItems(cli, calm)
        #expect(calmAfter.count == calmBefore.count)
        #expect(calmAfter.last?["content"] as? String == "[scripted] three two one")
        try await console.quit()
    }

    // MARK: 4. Scrolled up stays put

    /// While scrolled up, a streaming reply never moves the rows on screen;
    /// the divider says "↓ N new"; End follows again.
    @Test func scrolledUpStaysPutWhileAReplyStreams() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let width = 100
        // History first, made fast by the CLI (no delay), then the same
        // provider slowed down for the console (the delay is read per process).
        try cli.writeConfig(Self.slowConfig(delayMs: 0))
        let worker = try await createWithCLI(cli, label: "scroller", profile: "slow",
                                             input: Self.words("h0w", 40).joined(separator: " "))
        for turn in 1...5 {
            let sent = try await cli.run("send", worker.runtime, worker.id, Self.words("h\(turn)w", 40).joined(separator: " "),
                                         "--wait", "--reconnect")
            #expect(sent.status == 0, "\(sent.stderr)")
        }
        try cli.writeConfig(Self.slowConfig(delayMs: 250))

        let console = try ConsoleDriver(cli, width: width)
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.waitFor("scroller")
        try await console.focusPane("workers")
        try await moveCursor(console, to: "scroller", width: width)
        try console.press("reconnect")
        try await console.waitForScreen { $0.contains("scroller") && $0.contains("idle") && !$0.contains("stale") }
        try console.press("focus_composer")
        try await console.waitForFrame("scroller's composer") { $0["focus"] as? String == "composer" && $0["open"] as? String == worker.key }
        try await console.waitForFrame("history loaded") { $0["entries"] as? Int == 12 }

        // 80 words at 250 ms a delta: about 20 s of streaming.
        let words = Self.words("t", 80)
        try console.type(words.joined(separator: " "))
        try console.send("Enter")
        let clock = ContinuousClock()
        let streaming = try await console.waitForScreen { $0.contains("[scripted] t80 t79 t78") }
        let seenFirst = clock.now
        let firstNewest = try #require(Self.newestWord(streaming, width: width), "no reply on screen:\n\(streaming)")
        try console.press("leave")
        try await console.waitForFocus("transcript")

        try console.press("page_up")
        let scrolled = try await console.waitForScreen { !Self.indicator($0, width: width).contains("following") }
        let lookedFirst = clock.now
        let before = Self.transcriptRows(scrolled, width: width)
        #expect(!before.isEmpty)
        let eventsAtFirstLook = console.events.events().count
        #expect(console.events.events().last { $0["event"] as? String == "frame" }?["streaming"] as? Bool == true,
                "the reply ended before the view was scrolled")

        // About 4 s of further deltas (16 at 250 ms): a wait on frame
        // events, which the console keeps drawing while the reply streams;
        // the deltas themselves are off screen, so the clock says when
        // enough has passed, and the word count after End below checks that
        // they really arrived in that span.
        let waited = try await console.events.waitFor("frame", timeout: .seconds(15), after: eventsAtFirstLook) { _ in
            clock.now - lookedFirst >= .seconds(4)
        }
        #expect(waited["streaming"] as? Bool == true, "the reply ended before the second look; make it longer")
        let later = try console.session.screen()
        let lookedAgain = clock.now
        let after = Self.transcriptRows(later, width: width)
        #expect(after == before, "the rows moved while scrolled up:\nbefore:\n\(before.joined(separator: "\n"))\nafter:\n\(after.joined(separator: "\n"))")
        let indicator = Self.indicator(later, width: width)
        #expect(indicator.range(of: #"↓ \d+ new"#, options: .regularExpression) != nil, "indicator: \(indicator)")

        // End follows again: the newest text shows, and it kept streaming meanwhile.
        try console.press("bottom")
        let following = try await console.waitForScreen {
            Self.indicator($0, width: width).contains("following") && Self.newestWord($0, width: width) != nil
        }
        let seenLast = clock.now
        let newest = try #require(Self.newestWord(following, width: width))
        // Deltas count down from t80, one per 250 ms at most. Of those seen
        // between the first and the last look at the reply, the ones that
        // could have come outside the two captures of the scrolled view do
        // not count: at least 2 s worth (8) must have come between them.
        func atMost(_ span: Duration) -> Int { Int(span / .milliseconds(250)) + 1 }
        let between = (firstNewest - newest) - atMost(lookedFirst - seenFirst) - atMost(seenLast - lookedAgain)
        #expect(between >= 8, "only \(between) deltas surely arrived while scrolled up (t\(firstNewest) → t\(newest))")
        try await console.waitFor("t02 t01", timeout: .seconds(40))
        try await console.waitForFrame("reply committed") { $0["entries"] as? Int == 14 && $0["streaming"] as? Bool != true }
        #expect(Self.indicator(try console.session.screen(), width: width).contains("following"))
        try await console.quit()
    }
}

// MARK: - Helpers

extension OperatingSafetyScenarioTests {
    struct Ref {
        var runtime: String
        var id: String
        var label: String
        /// As frame events name it (`WorkerKey.description`).
        var key: String { "\(runtime)/\(id)" }
    }

    /// A flash-line message event: `toast` (what ac44b42 writes) or `flash`.
    static func isFlashEvent(_ event: [String: Any]) -> Bool {
        let name = event["event"] as? String
        return name == "toast" || name == "flash"
    }

    /// Creates a worker from the create dialog (profile, label, first input)
    /// and returns it; the console then shows it with the composer focused.
    func createInConsole(_ console: ConsoleDriver, profile: String, label: String, input: String) async throws -> Ref {
        // `c` in a composer is text: start from the workers pane.
        try await console.focusPane("workers")
        let previous = console.events.events().last { $0["event"] as? String == "frame" }?["open"] as? String
        try await console.submitCreateDialog(profile: profile, label: label, input: input)
        let frame = try await console.waitForFrame("\(label) created and open") {
            $0["focus"] as? String == "composer" && $0["open"] != nil && $0["open"] as? String != previous && $0["overlay"] == nil
        }
        let open = try #require(frame["open"] as? String)
        let parts = open.split(separator: "/", maxSplits: 1).map(String.init)
        try #require(parts.count == 2)
        return Ref(runtime: parts[0], id: parts[1], label: label)
    }

    func createWithCLI(_ cli: CLI, label: String, profile: String = "scripted", input: String) async throws -> Ref {
        let created = try await cli.run("create", "--profile", profile, "--name", label, "--input", input)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(created.stdout.split(separator: "\n").first.map(String.init))
        return Ref(runtime: "backend-internal", id: id, label: label)
    }

    func workersJSON(_ cli: CLI) async throws -> [[String: Any]] {
        let result = try await cli.run("workers", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    /// Every worker's status by "runtime/worker", from the CLI.
    func statuses(_ cli: CLI) async throws -> [String: String] {
        var map: [String: String] = [:]
        for row in try await workersJSON(cli) {
            guard let runtime = row["runtime_id"] as? String, let id = row["worker_id"] as? String else { continue }
            map["\(runtime)/\(id)"] = row["status"] as? String ?? "?"
        }
        return map
    }

    func transcriptItems(_ cli: CLI, _ worker: Ref) async throws -> [[String: Any]] {
        let result = try await cli.run("transcript", worker.runtime, worker.id, "--limit", "50", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return page["items"] as? [[String: Any]] ?? []
    }

    /// Polls a CLI condition until it holds or the deadline passes.
    func waitForCLI(_ cli: CLI, _ what: String, timeout: Duration = .seconds(30),
                    _ condition: (CLI) async throws -> Bool) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let expired = clock.now >= deadline
            if try await condition(cli) { return true }
            if expired { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("timed out waiting for \(what)")
        return false
    }

    /// Moves the workers pane's cursor (▸) onto the row showing `label`,
    /// reading both positions from the screen.
    func moveCursor(_ console: ConsoleDriver, to label: String, width: Int) async throws {
        let screen = try console.session.screen()
        let rows = Self.workerRows(screen, width: width)
        guard let target = rows.firstIndex(where: { $0.contains(label) }),
              let cursor = rows.firstIndex(where: { $0.contains("▸") }) else {
            Issue.record("no \(label) or no cursor in the workers pane:\n\(screen)")
            throw WaitTimeout(what: "cursor on \(label)")
        }
        let start = console.events.events().count
        for _ in 0..<abs(target - cursor) { try console.press(target > cursor ? "move_down" : "move_up") }
        do {
            try await console.waitForScreen {
                Self.workerRows($0, width: width).first { $0.contains("▸") }?.contains(label) == true
            }
        } catch {
            // Which frames the keys made, to tell a lost key from a cursor moved back.
            let frames = console.events.events().dropFirst(start)
            Issue.record("events after the moves toward \(label): \(frames.suffix(20))")
            throw error
        }
    }

    // MARK: Reading the screen

    static func rows(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func row(_ screen: String, _ index: Int) -> String {
        let all = rows(screen)
        return index < all.count ? all[index] : ""
    }

    /// The left column's width, as `Layout` computes it.
    static func leftWidth(_ width: Int) -> Int { max(24, min(40, width / 3)) }

    /// A row's part in the right column (every glyph the console draws
    /// there in these scenarios is one column wide).
    static func right(_ row: String, width: Int) -> String { String(row.dropFirst(leftWidth(width))) }

    /// The rows inside the workers box (left column).
    static func workerRows(_ screen: String, width: Int) -> [String] {
        let left = rows(screen).map { String($0.prefix(leftWidth(width))) }
        guard let top = left.firstIndex(where: { $0.hasPrefix("╭") && $0.contains("Workers") }) else { return [] }
        var body: [String] = []
        for line in left[(top + 1)...] {
            if line.hasPrefix("╰") { break }
            body.append(line)
        }
        return body
    }

    /// The right pane's top border: the shown worker's header.
    static func header(_ screen: String, width: Int) -> String {
        right(rows(screen).first { $0.hasPrefix("╭") } ?? "", width: width)
    }

    static func dividerIndex(_ screen: String, width: Int) -> Int? {
        rows(screen).firstIndex { right($0, width: width).hasPrefix("├") }
    }

    /// The input divider, where the follow indicator sits at the right.
    static func indicator(_ screen: String, width: Int) -> String {
        dividerIndex(screen, width: width).map { right(rows(screen)[$0], width: width) } ?? ""
    }

    /// The transcript's body rows (right column, between the top border and the divider).
    static func transcriptRows(_ screen: String, width: Int) -> [String] {
        guard let divider = dividerIndex(screen, width: width), divider > 1 else { return [] }
        return rows(screen)[1..<divider].map { right($0, width: width) }
    }

    /// The newest word of the streaming reply on screen: the smallest n of
    /// the `tNN` words from the "[scripted] t80" row down (the reply counts down).
    static func newestWord(_ screen: String, width: Int) -> Int? {
        let body = transcriptRows(screen, width: width)
        guard let first = body.firstIndex(where: { $0.contains("[scripted] t80") }) else { return nil }
        var numbers: [Int] = []
        for line in body[first...] {
            for token in line.split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where token.hasPrefix("t") {
                if let n = Int(token.dropFirst()), token.count == 3 { numbers.append(n) }
            }
        }
        return numbers.min()
    }
}
