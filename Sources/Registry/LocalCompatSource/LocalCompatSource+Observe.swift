import Foundation
import Runtime

extension LocalCompatSource {
    /// Follows a legacy worker's active segment by polling it every
    /// `pollInterval` (the format has no change notification). What is
    /// already there is read first and not replayed; the stream then yields
    /// `.entry` for each new item and `.workerChanged` after a reset or a
    /// new finding. It ends when the consumer stops listening or the worker
    /// disappears from the catalog. One task per observed worker; each poll
    /// costs one open, one `fstat` and a 64-byte comparison when idle.
    public func observe(_ worker: String) async throws(SourceError) -> AsyncStream<LiveUpdate> {
        _ = try await BlockingIO.run { () throws(SourceError) in _ = try self.refreshed(worker) }
        let (stream, continuation) = AsyncStream<LiveUpdate>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        let interval = pollInterval
        let task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
                guard let updates = try? await self.poll(worker) else { break }
                for update in updates { continuation.yield(update) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}
