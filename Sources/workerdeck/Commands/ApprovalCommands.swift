import ArgumentParser
import Foundation
import Registry

/// `workerdeck approvals`: tool calls waiting for an operator (tools.md).
struct ApprovalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approvals", abstract: "List tool calls waiting for an operator's answer."
    )
    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this runtime.") var runtime: String?
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await withDeck(global, json: output.json) { deck in
            let approvals = try await deck.registry.approvals(runtime: runtime)
            if output.json {
                printJSON(approvals)
                return
            }
            guard !approvals.isEmpty else { return out("no tool call is waiting for an answer\n") }
            var table = TextTable(["RUNTIME", "WORKER", "LABEL", "CALL", "TOOL", "ARGUMENTS"])
            for approval in approvals {
                table.add([approval.runtimeId, approval.workerId, PlainText.line(approval.workerLabel),
                           PlainText.line(approval.callId), PlainText.line(approval.tool),
                           Self.preview(approval.arguments)])
            }
            out(table.render())
        }
    }

    /// The arguments on one line, cut to fit a table row (`--json` has them whole).
    static func preview(_ arguments: String, width: Int = 60) -> String {
        let line = PlainText.line(arguments)
        return line.count <= width ? line : String(line.prefix(width - 1)) + "…"
    }
}

/// `workerdeck approve R W CALL [--always]`.
struct ApproveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Allow a pending tool call (once, or always for this worker's tool)."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @Argument(help: "The pending call's id (see `workerdeck approvals`).") var call: String
    @Flag(name: .long, help: "Allow this tool for this worker from now on.") var always = false
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await answer(global, output, WorkerKey(runtimeId: runtime, workerId: worker), call,
                         always ? .allowAlways : .allowOnce, verb: always ? "allowed always" : "allowed once")
    }
}

/// `workerdeck deny R W CALL [--message TEXT]`.
struct DenyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deny", abstract: "Deny a pending tool call; the model is told (with your message, if any)."
    )
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Runtime id.") var runtime: String
    @Argument(help: "Worker id.") var worker: String
    @Argument(help: "The pending call's id (see `workerdeck approvals`).") var call: String
    @Option(name: .long, help: "Passed to the model with the denial.") var message: String?
    @OptionGroup var output: JSONFlag

    func run() async throws {
        try await answer(global, output, WorkerKey(runtimeId: runtime, workerId: worker), call,
                         .deny(message: message), verb: "denied")
    }
}

/// Answers through the registry (the owner, when another process owns the
/// store): the first answer wins, a later one exits 4 (`approval_not_pending`).
private func answer(_ global: GlobalOptions, _ output: JSONFlag, _ key: WorkerKey, _ call: String,
                    _ decision: ApprovalDecision, verb: String) async throws {
    try await withDeck(global, json: output.json, role: .write) { deck in
        let summary = try await deck.registry.answerApproval(key, callId: call, decision)
        if output.json {
            printJSON(summary)
        } else {
            out("\(summary.workerId) \(PlainText.line(call)) \(verb); worker \(summary.status.rawValue)\n")
        }
    }
}
