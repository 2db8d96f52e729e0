import Foundation
import Runtime

extension ToolBox {
    /// What an operator reviews before answering (tools.md, Approvals): the
    /// diff an `edit` or `write` would make, computed without touching the
    /// file system; `bash`'s command and the directory it would run in, named
    /// as the operator knows it (never an absolute path). Nil for calls that
    /// cannot run (bad arguments, outside the directory): their result says why.
    public func preview(_ call: ToolCallRequest, in workspace: ToolWorkspace) async -> ApprovalPreview? {
        guard case let .success(arguments) = ToolArguments.decode(call), let workdir = try? Workdir(workspace.directory) else {
            return nil
        }
        let output: ToolOutput?
        switch arguments {
        case let .edit(edit):
            output = try? await Self.offload { (_: CancellationFlag) throws(ToolFailure) -> ToolOutput in
                try EditTool.run(edit, in: workdir, dryRun: true)
            }
        case let .write(write):
            output = try? await Self.offload { (_: CancellationFlag) throws(ToolFailure) -> ToolOutput in
                try WriteTool.run(write, in: workdir, dryRun: true)
            }
        case let .bash(bash):
            return ApprovalPreview(command: bash.command, directory: Self.directoryName(workspace.directory))
        case .read, .list, .grep:
            return nil
        }
        return output.map { ApprovalPreview(diff: $0.diff ?? "(no change)") }
    }

    /// `workspace`, or `worktree <worker id>` for a worker's own worktree.
    static func directoryName(_ directory: URL) -> String {
        let components = directory.standardizedFileURL.pathComponents
        if components.count >= 3, components[components.count - 3] == ".workerdeck", components[components.count - 2] == "worktrees" {
            return "worktree " + components[components.count - 1]
        }
        return "workspace"
    }
}
