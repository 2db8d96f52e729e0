/// bubblewrap for `bash_sandbox = "bwrap"`: a read-only root, a writable
/// workdir, a private /tmp, no network; bwrap ends with its parent.
enum Bubblewrap {
    static func arguments(workdir: String) -> [String] {
        [
            "--ro-bind", "/", "/",
            "--bind", workdir, workdir,
            "--dev", "/dev",
            "--proc", "/proc",
            "--tmpfs", "/tmp",
            "--unshare-net",
            "--die-with-parent",
            "--chdir", workdir,
        ]
    }

    /// bwrap's path when it is installed and works here (user namespaces may
    /// be off, or a container may refuse them): it must run `true` in the
    /// same setup bash would get.
    static func find(_ environment: BashEnvironment, workdir: String) async -> String? {
        guard let path = environment.executable(named: "bwrap") else { return nil }
        let probe = GroupProcess(
            executable: path,
            arguments: arguments(workdir: workdir) + ["/bin/true"],
            environment: environment.variables(passthrough: []),
            workingDirectory: workdir,
            timeout: .seconds(30)
        )
        guard let outcome = try? await probe.run(), outcome.ending == .exited(0) else { return nil }
        return path
    }
}
