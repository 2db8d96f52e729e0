import Foundation
import Runtime

/// The built-in tools of tools.md behind the runtime's `ToolExecutor`.
///
/// A value: it holds only the environment bash may ever get, so it can be
/// shared by every worker. `run` never throws and never traps on model text;
/// file tools run on a Dispatch queue (blocking file I/O stays off Swift's
/// cooperative pool); bash awaits its process.
public struct ToolBox: ToolExecutor {
    let environment: BashEnvironment

    /// - Parameters:
    ///   - environment: the process environment; only what bash may get is kept.
    ///   - credentialVariables: the variables provider credentials refer to
    ///     (`auth = { env = NAME }`); never passed to bash.
    public init(environment: [String: String], credentialVariables: Set<String>) {
        self.environment = BashEnvironment(processEnvironment: environment, credentialVariables: credentialVariables)
    }

    public func specs(for tools: [ToolName]) -> [ToolSpec] {
        tools.map(Self.spec(for:))
    }

    public static func spec(for tool: ToolName) -> ToolSpec {
        switch tool {
        case .read: ReadTool.spec
        case .list: ListTool.spec
        case .grep: GrepTool.spec
        case .write: WriteTool.spec
        case .edit: EditTool.spec
        case .bash: BashTool.spec
        }
    }

    public func run(_ call: ToolCallRequest, in workspace: ToolWorkspace) async -> ToolResult {
        let arguments: ToolArguments
        switch ToolArguments.decode(call) {
        case let .success(decoded): arguments = decoded
        case let .failure(error): return ToolResult(callId: call.callId, status: .error, output: error.message)
        }
        guard !Task.isCancelled else { return ToolResult(callId: call.callId, status: .interrupted, output: "interrupted") }
        do throws(ToolFailure) {
            let workdir = try Workdir(workspace.directory)
            let output: ToolOutput
            switch arguments {
            case let .read(read): output = try await Self.offload { (_: CancellationFlag) throws(ToolFailure) -> ToolOutput in try ReadTool.run(read, in: workdir) }
            case let .list(list): output = try await Self.offload { (flag: CancellationFlag) throws(ToolFailure) -> ToolOutput in try ListTool.run(list, in: workdir, cancellation: flag) }
            case let .grep(grep): output = try await Self.offload { (flag: CancellationFlag) throws(ToolFailure) -> ToolOutput in try GrepTool.run(grep, in: workdir, cancellation: flag) }
            case let .write(write): output = try await Self.offload { (_: CancellationFlag) throws(ToolFailure) -> ToolOutput in try WriteTool.run(write, in: workdir) }
            case let .edit(edit): output = try await Self.offload { (_: CancellationFlag) throws(ToolFailure) -> ToolOutput in try EditTool.run(edit, in: workdir) }
            case let .bash(bash): output = try await BashTool.run(bash, in: workdir, workspace: workspace, environment: environment)
            }
            return ToolResult(callId: call.callId, status: .ok, output: output.text, truncated: output.truncated, diff: output.diff)
        } catch {
            return ToolResult(callId: call.callId, status: error.status, output: error.message, truncated: error.truncated)
        }
    }

    /// Runs blocking file work on a Dispatch queue; cancelling the calling
    /// task raises the flag long walks check.
    static func offload(_ work: @escaping @Sendable (CancellationFlag) throws(ToolFailure) -> ToolOutput) async throws(ToolFailure) -> ToolOutput {
        let flag = CancellationFlag()
        let result: Result<ToolOutput, ToolFailure> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: Result { () throws(ToolFailure) in try work(flag) })
                }
            }
        } onCancel: {
            flag.cancel()
        }
        return try result.get()
    }
}
