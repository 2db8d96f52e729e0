/// A failure inside the runtime that no caller is awaiting (a turn ending
/// after its backend reported it, a poll of the store). The runtime also
/// shows it as a diagnostic; this is for the log, with the underlying error.
public struct RuntimeProblem: Sendable, CustomStringConvertible {
    /// What was being done, in a few words ("committing the end of a turn").
    public var operation: String
    public var worker: WorkerRef?
    public var error: RuntimeError

    public init(operation: String, worker: WorkerRef?, error: RuntimeError) {
        self.operation = operation
        self.worker = worker
        self.error = error
    }

    public var description: String {
        "\(operation)\(worker.map { " for \($0.workerId)" } ?? ""): \(error.code): \(error.message)"
    }
}
