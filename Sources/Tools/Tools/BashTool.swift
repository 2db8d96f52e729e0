import Runtime

/// `bash {command, timeout?}`: `/bin/sh -c COMMAND` in the working directory,
/// in a process group of its own (`GroupProcess`), with a minimal
/// environment (`BashEnvironment`). The output is stdout and stderr merged,
/// head and tail 64 KiB in all, then a line with how it ended.
enum BashTool {
    static let defaultTimeoutSeconds = 120
    static let maxTimeoutSeconds = 600

    static let spec = ToolSpec(
        name: .bash,
        description: """
            Run a shell command (/bin/sh -c) in the working directory, stdin empty, stdout and stderr merged. \
            Output over 64 KiB keeps its first and last 32 KiB. Default timeout \(defaultTimeoutSeconds) s, \
            at most \(maxTimeoutSeconds) s; on timeout the command and everything it started are ended, \
            and so are processes it leaves running in the background when it exits. \
            The environment is minimal: no credentials.
            """,
        parameters: .object([
            "type": .string("object"),
            "properties": .object([
                "command": .object(["type": .string("string"), "description": .string("The command line, run by /bin/sh -c.")]),
                "timeout": .object([
                    "type": .string("integer"), "minimum": .number(1), "maximum": .number(Double(maxTimeoutSeconds)),
                    "description": .string("Seconds before the command is ended. Default \(defaultTimeoutSeconds)."),
                ]),
            ]),
            "required": .array([.string("command")]),
            "additionalProperties": .bool(false),
        ])
    )

    static func run(_ arguments: BashArguments, in workdir: Workdir, workspace: ToolWorkspace, environment: BashEnvironment) async throws(ToolFailure) -> ToolOutput {
        let timeout = arguments.timeout ?? defaultTimeoutSeconds
        var executable = "/bin/sh"
        var argv = OwnerWatch.shellArguments(arguments.command)
        if workspace.sandbox == .bwrap {
            guard let bwrap = await Bubblewrap.find(environment, workdir: workdir.root) else {
                throw .error("bash_sandbox is bwrap, but bubblewrap is not available on this machine (Debian package bubblewrap); nothing was run")
            }
            executable = bwrap
            argv = Bubblewrap.arguments(workdir: workdir.root) + ["/bin/sh"] + OwnerWatch.shellArguments(arguments.command)
        }
        let process = GroupProcess(
            executable: executable,
            arguments: argv,
            environment: environment.variables(passthrough: workspace.envPassthrough),
            workingDirectory: workdir.root,
            timeout: .seconds(timeout)
        )
        let outcome: GroupProcess.Outcome
        do {
            outcome = try await process.run()
        } catch {
            throw .error("the command could not be started")
        }
        var text = outcome.output.text
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        switch outcome.ending {
        case .exited(0):
            return ToolOutput(text: text + "exit 0\n", truncated: outcome.output.isTruncated)
        case let .exited(code):
            throw ToolFailure(status: .error, message: text + "exit \(code)\n", truncated: outcome.output.isTruncated)
        case let .signaled(signal):
            throw ToolFailure(status: .error, message: text + "killed by signal \(signal)\n", truncated: outcome.output.isTruncated)
        case .timedOut:
            throw ToolFailure(status: .error, message: text + "killed after timeout \(timeout) s\n", truncated: outcome.output.isTruncated)
        case .interrupted:
            throw ToolFailure(status: .interrupted, message: text + "interrupted\n", truncated: outcome.output.isTruncated)
        }
    }
}
