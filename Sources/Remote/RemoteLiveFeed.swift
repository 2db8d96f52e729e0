import Registry

/// A remote's feed into the registry: a sink registered in its hub, fed on
/// the connection's task. The stream carries every worker's deltas, so it
/// cannot send a turn's text so far on request: the registry gives every
/// subscriber all of this source's deltas (see `LiveFeed.sendsTextSoFar`).
final class RemoteLiveFeed: LiveFeed {
    private let hub: RemoteHub
    /// Nil when the source had already closed: nothing will come.
    private let id: UInt64?

    init(hub: RemoteHub, id: UInt64?) {
        self.hub = hub
        self.id = id
    }

    var sendsTextSoFar: Bool { false }

    func cancel() {
        if let id { hub.removeSink(id) }
    }

    func sendTextSoFar(_ workerId: String) async {}
}
