/// The only authority for a worker operation: which runtime, which worker.
/// The runtime half is checked first (`wrongRuntime`), then existence
/// (`workerNotFound`). No path, socket or label ever resolves a worker.
public struct WorkerRef: Hashable, Sendable, Codable, CustomStringConvertible {
    public let runtimeId: RuntimeId
    public let workerId: WorkerId

    public init(runtimeId: RuntimeId, workerId: WorkerId) {
        self.runtimeId = runtimeId
        self.workerId = workerId
    }

    public var description: String { "\(runtimeId)/\(workerId)" }
}
