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

    /// What `runCapped` read.
    struct CappedOutput: Sendable {
        var status: Int32
        /// At most the limit's bytes of stdout.
        var bytes: [UInt8]
        /// stdout went on past the limit; git was ended there.
        var truncated: Bool
        var standardError: String
    }

    /// Runs git reading at most `limit` bytes of stdout: past that git is
    /// killed (a diff may be as large as the files it shows) and the answer
    /// says it was cut. Awaits the process; nothing blocks a thread.
    func runCapped(_ arguments: [String], limit: Int) async throws(ToolSetupError) -> CappedOutput {
        let configuration = Configuration(executable: .path(FilePath(executable)), arguments: Arguments(arguments),
                                          environment: GroupProcess.environment(environment))
        do {
            let result = try await Subprocess.run(configuration, input: .none, output: .sequence,
                                                  error: .string(limit: 64 * 1024)) { execution in
                var bytes: [UInt8] = []
                var truncated = false
                for try await chunk in execution.standardOutput {
                    chunk.withUnsafeBytes { bytes.append(contentsOf: $0) }
                    if bytes.count > limit {
                        bytes.removeLast(bytes.count - limit)
                        truncated = true
                        // Not reading on would leave git blocked on a full pipe.
                        try? execution.send(signal: .kill)
                        break
                    }
                }
                return (bytes, truncated)
            }
            let status: Int32 = switch result.terminationStatus {
            case let .exited(code): code
            case .signaled: -1
            }
            let (bytes, truncated) = result.closureResult
            return CappedOutput(status: status, bytes: bytes, truncated: truncated, standardError: result.standardError ?? "")
        } catch {
            throw ToolSetupError("git could not be run")
        }
    }
}
