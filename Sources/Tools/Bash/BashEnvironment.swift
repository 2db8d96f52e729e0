import Foundation

/// The environment bash gets (tools.md): `PATH`, `HOME`, `LANG`, `LC_*`,
/// `USER`, `TERM=dumb`, and the profile's `env_passthrough` names, never a
/// credential variable, a secret-looking name or a `WORKERDECK_*` one —
/// whatever `env_passthrough` says.
struct BashEnvironment: Sendable, Hashable {
    /// What bash may ever see: the process environment less every refused
    /// name. The rest of the environment is dropped at init and not kept.
    let available: [String: String]

    init(processEnvironment: [String: String], credentialVariables: Set<String>) {
        available = processEnvironment.filter { name, _ in !Self.isRefused(name, credentialVariables: credentialVariables) }
    }

    static let baseNames: Set<String> = ["PATH", "HOME", "LANG", "USER"]

    /// Refused whatever the profile lists.
    static func isRefused(_ name: String, credentialVariables: Set<String>) -> Bool {
        let upper = name.uppercased()
        return credentialVariables.contains(name)
            || upper.hasPrefix("WORKERDECK_")
            || ["KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIAL"].contains { upper.contains($0) }
            || name.isEmpty || name.contains("=")
    }

    /// The variables for one call.
    func variables(passthrough: [String]) -> [String: String] {
        let wanted = Set(passthrough)
        var result = available.filter { name, _ in
            Self.baseNames.contains(name) || name.hasPrefix("LC_") || wanted.contains(name)
        }
        if result["PATH"] == nil { result["PATH"] = "/usr/local/bin:/usr/bin:/bin" }
        result["TERM"] = "dumb"
        return result
    }

    /// Where an executable is on this environment's `PATH`, if anywhere.
    func executable(named name: String) -> String? {
        let path = available["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where directory.hasPrefix("/") {
            let candidate = directory + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
