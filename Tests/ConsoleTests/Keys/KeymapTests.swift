import Testing
@testable import Console
import Registry

@Suite struct KeymapTests {
    @Test func parsesConfigKeyNames() {
        #expect(KeyChord(parsing: "Ctrl-J") == KeyChord(.char("j"), ctrl: true))
        #expect(KeyChord(parsing: "Alt-Enter") == KeyChord(.enter, alt: true))
        #expect(KeyChord(parsing: "Shift-Tab") == KeyChord(.backTab))
        #expect(KeyChord(parsing: "PgDn") == KeyChord(.pageDown))
        #expect(KeyChord(parsing: "G") == KeyChord(.char("G")))
        #expect(KeyChord(parsing: "Space") == KeyChord(.char(" ")))
        #expect(KeyChord(parsing: "F5") == KeyChord(.function(5)))
        #expect(KeyChord(parsing: "Ctrl-") == nil)
        #expect(KeyChord(parsing: "nonsense") == nil)
    }

    @Test func namesRoundTrip() {
        for binding in BindingTable.all {
            for key in binding.keys { #expect(KeyChord(parsing: key.description) == key, "\(key)") }
        }
    }

    @Test func commandNamesAreUniqueConfigNames() {
        let names = KeyCommand.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.allSatisfy { $0.isLowercase || $0 == "_" } })
        // Every command has at least one binding, so help covers everything.
        for c in KeyCommand.allCases { #expect(BindingTable.all.contains { $0.command == c }, "\(c)") }
    }

    @Test func defaultsResolvePerContext() {
        let map = Keymap.defaults
        #expect(map.command(for: .char("j"), in: [.lists, .global]) == .moveDown)
        #expect(map.command(for: .char("q"), in: [.lists, .global]) == .quit)
        #expect(map.command(for: .char("q"), in: [.composer]) == nil) // typed, not quit
        #expect(map.command(for: KeyChord(.enter), in: [.composer]) == .send)
        #expect(map.command(for: .ctrl("j"), in: [.composer]) == .newline)
        #expect(map.command(for: KeyChord(.enter, alt: true), in: [.composer]) == .newline)
        #expect(map.command(for: .char("y"), in: [.confirmation]) == .confirm)
        #expect(map.command(for: .char("y"), in: [.textField]) == nil)
    }

    @Test func noDestructiveCommandSitsOnACtrlChord() {
        for b in BindingTable.all where [.stop, .cancel, .quit, .interrupt].contains(b.command) {
            #expect(b.keys.allSatisfy { !$0.ctrl })
        }
    }

    @Test func rebindingReplacesDefaultsAndReportsProblems() {
        let (map, problems) = Keymap.rebinding(["quit": ["Q"], "bogus": ["x"], "help": ["F1", "Hyper-X"]], source: "config.toml")
        #expect(map.command(for: .char("Q"), in: [.global]) == .quit)
        #expect(map.command(for: .char("q"), in: [.global]) == nil)
        #expect(map.command(for: KeyChord(.function(1)), in: [.global]) == .help)
        #expect(problems == ["config.toml: [keys] bogus: unknown command",
                             "config.toml: [keys] help: cannot read key \"Hyper-X\""])
    }

    @Test func readmeTableListsEveryBinding() {
        let table = KeyHelp.markdownTable()
        let lines = table.split(separator: "\n")
        #expect(lines.count == BindingTable.all.count + 2)
        #expect(lines.contains("| General | `q` | `quit` | quit (asks while turns run or drafts are unsent) |"))
        #expect(lines.contains("| Composer | `Alt-Enter` `Ctrl-J` | `newline` | newline |"))
    }

    @Test func actionBarFollowsTheFocusedPane() {
        var state = AppState(workspaceName: "ws")
        state.focus = .workers
        #expect(KeyHelp.actionBar(state).map(\.keys) == ["?", "/", "i", "x", "s", "R", "a", "c", ":", "q"])
        state.focus = .composer
        #expect(KeyHelp.actionBar(state).map(\.keys) == ["Enter", "Alt-Enter", "Esc"])
        // The review shows its answers and nothing global.
        state.overlay = .approval(ApprovalReview(worker: WorkerKey(runtimeId: "r", workerId: "w")))
        #expect(KeyHelp.actionBar(state).map(\.keys) == ["y", "A", "n", "m", "Esc"])
        state.overlay = .approval(ApprovalReview(worker: WorkerKey(runtimeId: "r", workerId: "w"), denyMessage: ""))
        #expect(KeyHelp.actionBar(state).map(\.keys) == ["Esc", "Enter"])
    }

    @Test func helpSearchFiltersByKeyOrText() {
        let state = AppState(workspaceName: "ws")
        let items = KeyHelp.items(state, query: "follow")
        #expect(items.map(\.help) == ["newest, follow", "toggle follow"])
    }

    @Test func disabledReasonsExplainWhy() {
        var state = AppState(workspaceName: "ws")
        #expect(BindingTable.binding(for: .interrupt).disabledReason(state) == "no worker selected")
        state.workers = [WorkerRow(key: WorkerKey(runtimeId: "local-compat", workerId: "w1"),
                                   implementationKind: .localCompatibility, status: .active,
                                   capabilities: .readOnlyTranscript)]
        state.openWorker = state.workers[0].key
        // `i` is never refused (typed text must land in a composer); Enter says why.
        #expect(BindingTable.binding(for: .focusComposer).disabledReason(state) == nil)
        #expect(BindingTable.binding(for: .stop).disabledReason(state) == "local compatibility workers are read-only")
    }
}
