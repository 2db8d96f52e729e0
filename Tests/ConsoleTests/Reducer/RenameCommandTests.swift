@testable import Console
import Registry
import Testing

/// `:rename LABEL` acts on the worker on screen; the owner's answer comes
/// back as `workerRenamed` and says what the worker is called now.
@Suite struct RenameCommandTests {
    static func shown() -> AppState {
        var s = Fixtures.world()
        s.openWorker = Fixtures.coderKey
        return s
    }

    @Test func renameAsksForTheShownWorkerWithTheWholeLabel() {
        var state = Self.shown()
        let before = state
        #expect(state.runCommandLine("rename nightly build") == [.rename(Fixtures.coderKey, label: "nightly build")])
        #expect(state == before, "nothing changes until the owner answers")
    }

    @Test func renameTypedOnTheCommandLineGoesOut() {
        var state = Self.shown()
        _ = reduce(&state, .keyPressed(.char(":")))
        for c in "rename nb" { _ = reduce(&state, .keyPressed(.char(c))) }
        #expect(reduce(&state, .keyPressed(KeyChord(.enter))) == [.rename(Fixtures.coderKey, label: "nb")])
        #expect(state.overlay == nil)
    }

    @Test func refusalsSayWhyAndAskNothing() {
        func refusal(_ state: AppState, _ line: String) -> (message: String?, effects: [Effect]) {
            var state = state
            let effects = state.runCommandLine(line)
            return (state.flash?.message, effects)
        }
        let error: [Effect] = [.expireFlash(1, afterSeconds: 10)]
        let none = refusal(Fixtures.world(), "rename x")
        #expect(none.message == ":rename: no worker selected" && none.effects == error)
        let blank = refusal(Self.shown(), "rename")
        #expect(blank.message == ":rename needs a label, e.g. :rename nightly build" && blank.effects == error)
        var local = Fixtures.world()
        local.openWorker = Fixtures.localKey
        let legacy = refusal(local, "rename x")
        #expect(legacy.message == ":rename: local compatibility workers are read-only" && legacy.effects == error)
        var observer = Self.shown()
        observer.runtimes[0].status = .readOnly
        let observed = refusal(observer, "rename x")
        #expect(observed.message == ":rename: read-only observer: another console owns this workspace" && observed.effects == error)
    }

    @Test func theAnswerUpdatesTheRowAndSaysTheNewName() {
        var state = Self.shown()
        var renamed = Fixtures.coder
        renamed.label = "nightly build"
        let effects = reduce(&state, .workerRenamed(renamed))
        var expected = Self.shown()
        expected.workers[0] = renamed
        let flash = Flash(id: 1, level: .info, message: "renamed worker-0000002a to nightly build")
        expected.flash = flash
        expected.messages = [flash]
        expected.nextFlashId = 2
        #expect(state == expected)
        #expect(effects == [.expireFlash(1, afterSeconds: 5)])
    }

    @Test func aFailureIsAnErrorFlash() {
        var state = Self.shown()
        let effects = reduce(&state, .operationFailed("rename the worker", message: "could not rename the worker: label must be 1-80 visible characters"))
        #expect(state.flash == Flash(id: 1, level: .error, message: "could not rename the worker: label must be 1-80 visible characters"))
        #expect(effects == [.expireFlash(1, afterSeconds: 10)])
    }
}
