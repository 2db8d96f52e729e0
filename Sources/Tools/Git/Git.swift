import Foundation
import Runtime
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// `git` run with an argv, never through a shell (tools.md), with the
/// minimal environment bash gets.
struct Git: Sendable {
    let executable: String
    let environment: [String: String]

    struct Output: Sendable {
        var status: Int32
        var standardOutput: String
        var standardError: String
        var succeeded: Bool { status == 0 }
        /// stdout without its trailing newline.
        var line: String { standardOutput.trimmingCharacters(in: .newlines) }
    }

    init?(environment: BashEnvironment) {
        guard let git = environment.executable(named: "git") else { return nil }
        executable = git
        var variables = environment.variables(passthrough: [])
        // Never wait for a terminal prompt or an editor.
        variables["GIT_TERMINAL_PROMPT"] = "0"
        variables["GIT_EDITOR"] = "true"
        self.environment = variables
    }

    func run(_ arguments: [String]) async throws(ToolSetupError) -> Output {
        do {
            let result = try await Subprocess.run(
                .path(FilePath(executable)),
                arguments: Arguments(arguments),
                environment: GroupProcess.environment(environment),
                input: .none,
                output: .string(limit: 1024 * 1024),
                error: .string(limit: 1024 * 1024)
            )
            let status: Int32 = switch result.terminationStatus {
            case let .exited(code): code
            case .signaled: -1
            }
            return Output(status: status, standardOutput: result.standardOutput ?? "", standardError: result.standardError ?? "")
        } catch {
            throw ToolSetupError("git could not be run")
        }
    }
}
