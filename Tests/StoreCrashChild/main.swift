// A helper process for the store's crash and observer tests (not shipped).
//
//   StoreCrashChild crash <root>   owns the store and runs streaming turns on
//                                  three workers forever, printing one line
//                                  `ack <worker> <sequence> <input>` per
//                                  acknowledged input, until killed.
//   StoreCrashChild own <root>     owns the store with one worker and prints
//                                  `ready <pid> <worker>`; then reads commands
//                                  from stdin: `input TEXT` (prints `ack N`),
//                                  `exit`.
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Runtime
import Synchronization

/// Streams a few deltas from a separate task, then completes one block.
final class ChildBackend: ExecutionBackend {
    private let sinks = Mutex<[String: TurnSink]>([:])
    private let counter = Mutex(0)
    let backendId = "crash-child"
    let streaming: Bool

    init(streaming: Bool) { self.streaming = streaming }

    func resolveProfile(named name: String) async -> ProfileResolution {
        .resolved(ResolvedProfile(name: name, model: "scripted/echo"))
    }

    func spawn(_ ref: WorkerRef, profile: ResolvedProfile, history: [TranscriptEntry], sink: TurnSink) async -> SpawnOutcome {
        let handle = counter.withLock { n in n += 1; return "c-\(n)" }
        sinks.withLock { $0[handle] = sink }
        return .connected(ExecutionHandle(handle))
    }

    func startTurn(_ handle: ExecutionHandle, turn: TurnId, input: String) async -> TurnStartOutcome {
        guard let sink = sinks.withLock({ $0[handle.rawValue] }) else { return .rejected("unknown handle") }
        let run: @Sendable () async -> Void = {
            await sink.report(.started(turn))
            for piece in ["re", "ply ", "to "] {
                await sink.report(.textDelta(turn, piece))
                await Task.yield()
            }
            await sink.report(.blockCompleted(turn, "reply to \(input)"))
            await sink.report(.finished(turn))
        }
        if streaming { Task { await run() } } else { await run() }
        return .accepted
    }
}

/// One line, written at once (unbuffered), so a kill never leaves it half-sent.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func fail(_ error: Error) -> Never {
    FileHandle.standardError.write(Data("StoreCrashChild: \(error)\n".utf8))
    exit(1)
}

alarm(120) // never outlive a hung test

let arguments = CommandLine.arguments
guard arguments.count == 3 else { fail(RuntimeError.invalidRequest("usage: crash|own ROOT")) }
let root = URL(fileURLWithPath: arguments[2])

do {
    let store = try FileStore.open(root: root, mode: .owner)
    switch arguments[1] {
    case "crash":
        let runtime = try WorkerRuntime(workspaceId: "crash", store: store, backend: ChildBackend(streaming: true))
        var refs: [WorkerRef] = []
        for _ in 1...3 { refs.append(try await runtime.createWorker(profile: "default").ref) }
        var counter = 0
        while true {
            counter += 1
            let ref = refs[counter % refs.count]
            let text = "input \(getpid())-\(counter)"
            let live = try await runtime.observe(ref)
            let receipt = try await runtime.sendInput(ref, text: text)
            say("ack \(ref.workerId) \(receipt.transcriptSequence) \(text)")
            for await event in live {
                if case .turnEnded = event { break }
            }
        }
    case "own":
        let runtime = try WorkerRuntime(workspaceId: "observe", store: store, backend: ChildBackend(streaming: false))
        let ref = try await runtime.createWorker(profile: "default").ref
        say("ready \(getpid()) \(ref.workerId)")
        while let line = readLine() {
            if line.hasPrefix("input ") {
                let receipt = try await runtime.sendInput(ref, text: String(line.dropFirst(6)))
                say("ack \(receipt.transcriptSequence)")
            } else if line == "exit" {
                break
            }
        }
        store.close()
    default:
        fail(RuntimeError.invalidRequest("unknown mode"))
    }
} catch {
    fail(error)
}
