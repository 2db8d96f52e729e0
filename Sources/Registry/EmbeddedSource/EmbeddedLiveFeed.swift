import Foundation
import Runtime
import Synchronization

/// The embedded source's live feed: the runtime calls it inside each
/// publish, on its executor (`WorkerRuntime.observeAll(_:)`), and it hands
/// the projected update to the registry's sink. No stream, no task: one
/// call from the runtime to the registry. A delta no subscriber wants is
/// dropped before it is projected. On takeover the source moves the feed
/// to the new runtime (`rebind`).
final class EmbeddedLiveFeed: LiveFeed {
    private struct Bound {
        var runtime: WorkerRuntime?
        var observation: LiveObservation?
        var cancelled = false
    }

    private let sink: LiveSink
    private let kind: ImplementationKind
    private let onCancel: @Sendable (EmbeddedLiveFeed) -> Void
    private let bound = Mutex(Bound())

    init(sink: LiveSink, kind: ImplementationKind, onCancel: @escaping @Sendable (EmbeddedLiveFeed) -> Void) {
        self.sink = sink
        self.kind = kind
        self.onCancel = onCancel
    }

    /// Observes `runtime` (and stops observing the one before it). The new
    /// observation is in place before it returns.
    func rebind(to runtime: WorkerRuntime) async {
        if bound.withLock({ $0.runtime === runtime || $0.cancelled }) { return }
        let (sink, kind) = (self.sink, self.kind)
        let observation = await runtime.observeAll(wantsText: { sink.wantsText($0.rawValue) }) { item in
            if case .textDelta = item.event, !sink.wantsText(item.ref.workerId.rawValue) { return }
            sink.deliver(Projector.update(item.event, ref: item.ref, runtime: runtime) { diagnostic in
                EmbeddedSource.project(diagnostic, kind: kind)
            })
        }
        let (old, keep) = bound.withLock { bound -> ((WorkerRuntime, LiveObservation)?, Bool) in
            let old = bound.runtime.flatMap { runtime in bound.observation.map { (runtime, $0) } }
            guard !bound.cancelled else { return (old, false) }
            bound.runtime = runtime
            bound.observation = observation
            return (old, true)
        }
        if case let (runtime, observation)? = old { await runtime.stopObserving(observation) }
        if !keep { await runtime.stopObserving(observation) }
    }

    var sendsTextSoFar: Bool { true }

    func cancel() {
        let old = bound.withLock { bound -> (WorkerRuntime, LiveObservation)? in
            bound.cancelled = true
            defer { bound.runtime = nil; bound.observation = nil }
            return bound.runtime.flatMap { runtime in bound.observation.map { (runtime, $0) } }
        }
        onCancel(self)
        if case let (runtime, observation)? = old { Task { await runtime.stopObserving(observation) } }
    }

    func sendTextSoFar(_ workerId: String) async {
        let current = bound.withLock { bound in
            bound.runtime.flatMap { runtime in bound.observation.map { (runtime, $0) } }
        }
        guard case let (runtime, observation)? = current, let worker = WorkerId(rawValue: workerId) else { return }
        await runtime.sendTextSoFar(WorkerRef(runtimeId: runtime.runtimeId, workerId: worker), to: observation)
    }
}

extension EmbeddedSource {
    public func feedLive(into sink: LiveSink) async -> any LiveFeed {
        guard let runtime = try? runtime() else { return await StreamedLiveFeed(self, into: sink) }
        let feed = EmbeddedLiveFeed(sink: sink, kind: implementationKind) { [weak self] feed in
            self?.liveFeeds.withLock { feeds in feeds.removeAll { $0 === feed } }
        }
        liveFeeds.withLock { $0.append(feed) }
        await feed.rebind(to: runtime)
        // A takeover that swapped the runtime while this was subscribing
        // moved the feeds it saw; this one may have missed it.
        if let current = try? self.runtime(), current !== runtime { await feed.rebind(to: current) }
        return feed
    }

    static func project(_ diagnostic: RuntimeDiagnostic, kind: ImplementationKind) -> Diagnostic {
        Diagnostic(code: "embedded_" + diagnostic.code, severity: diagnostic.severity,
                   message: Redactor.redact(diagnostic.message), implementationKind: kind,
                   workerId: diagnostic.workerRef?.workerId.rawValue)
    }
}
