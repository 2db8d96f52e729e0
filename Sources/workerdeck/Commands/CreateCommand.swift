import ArgumentParser
import Foundation
import Registry
import Runtime

struct CreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a worker and print its id; with --input, stream the first reply.",
        discussion: """
        With --json, prints {"worker": <summary>} and, with --input, "turn": {"ending", "reply"} \
        once the turn has ended (the reply verbatim).
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Runtime (default: backend-internal).") var runtime = "backend-internal"
    @Option(name: .long, help: "Profile (default: default_profile from config, then default).") var profile: String?
    @Option(name: .long, help: "Operator label (display only).") var name: String?
    @Option(name: .long, help: "Initial input; the reply is streamed and waited for.") var input: String?
    @OptionGroup var output: JSONFlag

    struct Created: Encodable {
        var worker: WorkerSummary
        var turn: TurnJSON?
    }

    func run() async throws {
        try await withDeck(global, json: output.json, role: .write) { deck in
            let updates = await TurnFollower.start(deck.registry)
            let request = CreateWorkerRequest(profile: profile ?? deck.defaultProfile, label: name, initialInput: input)
            let worker = try await deck.registry.createWorker(runtime: runtime, request)
            // The id first: a script that streams the reply still learns it.
            if !output.json { out("\(worker.workerId)\n") }
            guard input != nil else {
                if output.json { printJSON(Created(worker: worker)) }
                return
            }
            let outcome = await TurnFollower.follow(updates, key: worker.key, registry: deck.registry,
                                                    streaming: !output.json)
            if output.json {
                // The summary as the turn left it (entries, usage, status).
                let after = (try? await deck.registry.worker(worker.key)) ?? worker
                printJSON(Created(worker: after, turn: TurnJSON(outcome)))
            }
            try TurnFollower.finish(outcome.ending)
        }
    }
}

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send input to a worker.",
        discussion: """
        Each CLI call is its own process: a worker created by an earlier call has no live execution \
        (it is stale) until reconnected. --reconnect does that first.

        With --json, prints {"accepted": {"transcript_sequence", "turn", …}} and, with --wait, \
        "turn": {"ending", "reply"} once the turn has ended (the reply verbatim).
        """
    )

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @Argument(help: "The input text.") var text: String
    @Flag(name: .long, help: "Stream the reply to stdout until the turn ends.") var wait = false
    @Flag(name: .long, help: "Reconnect a stale worker first.") var reconnect = false
    @OptionGroup var output: JSONFlag

    struct Sent: Encodable {
        var accepted: InputAccepted
        var turn: TurnJSON?
    }

    func run() async throws {
        // Without --wait the turn must outlive this call: it runs in the
        // workspace's owner (another host's turns run there anyway).
        let handOff = !wait && runtime == RuntimeId.embedded.rawValue
        try await withDeck(global, json: output.json, role: handOff ? .handOff : .write) { deck in
            let key = WorkerKey(runtimeId: runtime, workerId: worker)
            if reconnect {
                let current = try await deck.registry.worker(key)
                if current.capabilities.canReconnect {
                    _ = try await deck.registry.reconnect(key)
                }
            }
            let updates = await TurnFollower.start(deck.registry)
            let accepted: InputAccepted
            do {
                accepted = try await deck.registry.sendInput(key, text: text)
            } catch RegistryError.rejected(code: "worker_stale", message: _) {
                throw CLIError(code: "worker_stale", message: """
                    \(worker) has no live execution: each CLI call is its own process, so a worker created \
                    by an earlier call is stale until reconnected; pass --reconnect
                    """, exitCode: 4)
            }
            guard wait else {
                // Accepted: the turn goes on in the owner.
                if output.json {
                    printJSON(Sent(accepted: accepted))
                } else {
                    out("\(accepted.workerId) accepted as entry \(accepted.transcriptSequence)\n")
                }
                return
            }
            let outcome = await TurnFollower.follow(updates, key: key, registry: deck.registry, streaming: !output.json)
            if output.json { printJSON(Sent(accepted: accepted, turn: TurnJSON(outcome))) }
            try TurnFollower.finish(outcome.ending)
        }
    }
}
