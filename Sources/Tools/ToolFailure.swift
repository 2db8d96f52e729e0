import Runtime

/// Why a call did not succeed, as its result will say: the module's one
/// error type. The message is what the model reads, so it names paths as the
/// model gave them and never the directory's absolute path.
struct ToolFailure: Error, Hashable, Sendable {
    var status: ToolResultStatus
    var message: String
    /// The message holds capped output (bash).
    var truncated = false

    static func error(_ message: String) -> ToolFailure { ToolFailure(status: .error, message: message) }

    /// tools.md: the one answer for any path outside the directory.
    static let denied = ToolFailure(status: .denied, message: "denied: outside the worker's directory")

    static let interrupted = ToolFailure(status: .interrupted, message: "interrupted")
}
