import Foundation

/// `LiveUpdate` on the wire: a flat object tagged by `type`, e.g.
/// `{"type":"delta","runtime_id":…,"worker_id":…,"turn":3,"text":"…"}`.
extension LiveUpdate: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, runtimeId = "runtime_id", workerId = "worker_id", turn, text, message, usage, entry, ending, worker, runtime
    }

    private enum Tag: String, Codable {
        case turnStarted = "turn_started", delta, textSoFar = "text_so_far", retrying, usage, entry
        case turnEnded = "turn_ended", workerChanged = "worker_changed", runtimeChanged = "runtime_changed"
        case workerDeleted = "worker_deleted"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let key, !(self.carriesProjection) {
            try c.encode(key.runtimeId, forKey: .runtimeId)
            try c.encode(key.workerId, forKey: .workerId)
        }
        switch self {
        case let .turnStarted(_, turn):
            try c.encode(Tag.turnStarted, forKey: .type)
            try c.encode(turn, forKey: .turn)
        case let .delta(_, turn, text):
            try c.encode(Tag.delta, forKey: .type)
            try c.encode(turn, forKey: .turn)
            try c.encode(text, forKey: .text)
        case let .textSoFar(_, turn, text):
            try c.encode(Tag.textSoFar, forKey: .type)
            try c.encode(turn, forKey: .turn)
            try c.encode(text, forKey: .text)
        case let .retrying(_, turn, message):
            try c.encode(Tag.retrying, forKey: .type)
            try c.encode(turn, forKey: .turn)
            try c.encode(message, forKey: .message)
        case let .usage(_, turn, usage):
            try c.encode(Tag.usage, forKey: .type)
            try c.encode(turn, forKey: .turn)
            try c.encode(usage, forKey: .usage)
        case let .entry(_, item):
            try c.encode(Tag.entry, forKey: .type)
            try c.encode(item, forKey: .entry)
        case let .turnEnded(_, turn, ending):
            try c.encode(Tag.turnEnded, forKey: .type)
            try c.encode(turn, forKey: .turn)
            try c.encode(ending, forKey: .ending)
        case let .workerChanged(summary):
            try c.encode(Tag.workerChanged, forKey: .type)
            try c.encode(summary, forKey: .worker)
        case .workerDeleted:
            try c.encode(Tag.workerDeleted, forKey: .type)
        case let .runtimeChanged(summary):
            try c.encode(Tag.runtimeChanged, forKey: .type)
            try c.encode(summary, forKey: .runtime)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let tag = try c.decode(Tag.self, forKey: .type)
        func key() throws -> WorkerKey {
            WorkerKey(runtimeId: try c.decode(String.self, forKey: .runtimeId),
                      workerId: try c.decode(String.self, forKey: .workerId))
        }
        switch tag {
        case .turnStarted: self = .turnStarted(try key(), turn: try c.decode(UInt64.self, forKey: .turn))
        case .delta: self = .delta(try key(), turn: try c.decode(UInt64.self, forKey: .turn), text: try c.decode(String.self, forKey: .text))
        case .textSoFar:
            self = .textSoFar(try key(), turn: try c.decode(UInt64.self, forKey: .turn), text: try c.decode(String.self, forKey: .text))
        case .retrying:
            self = .retrying(try key(), turn: try c.decode(UInt64.self, forKey: .turn), message: try c.decode(String.self, forKey: .message))
        case .usage: self = .usage(try key(), turn: try c.decode(UInt64.self, forKey: .turn), try c.decode(Usage.self, forKey: .usage))
        case .entry: self = .entry(try key(), try c.decode(TranscriptItem.self, forKey: .entry))
        case .turnEnded:
            self = .turnEnded(try key(), turn: try c.decode(UInt64.self, forKey: .turn), ending: try c.decode(TurnOutcome.self, forKey: .ending))
        case .workerChanged: self = .workerChanged(try c.decode(WorkerSummary.self, forKey: .worker))
        case .runtimeChanged: self = .runtimeChanged(try c.decode(RuntimeSummary.self, forKey: .runtime))
        case .workerDeleted: self = .workerDeleted(try key())
        }
    }

    /// Worker and runtime changes carry their whole projection instead of a key.
    private var carriesProjection: Bool {
        switch self {
        case .workerChanged, .runtimeChanged: true
        default: false
        }
    }

    /// The same update, re-keyed to another runtime id (a remote's workers
    /// are shown under the local name of that remote).
    public func rekeyed(to runtimeId: String) -> LiveUpdate {
        func k(_ key: WorkerKey) -> WorkerKey { WorkerKey(runtimeId: runtimeId, workerId: key.workerId) }
        switch self {
        case let .turnStarted(key, turn): return .turnStarted(k(key), turn: turn)
        case let .delta(key, turn, text): return .delta(k(key), turn: turn, text: text)
        case let .textSoFar(key, turn, text): return .textSoFar(k(key), turn: turn, text: text)
        case let .retrying(key, turn, message): return .retrying(k(key), turn: turn, message: message)
        case let .usage(key, turn, usage): return .usage(k(key), turn: turn, usage)
        case let .entry(key, item): return .entry(k(key), item)
        case let .turnEnded(key, turn, ending): return .turnEnded(k(key), turn: turn, ending: ending)
        case let .workerDeleted(key): return .workerDeleted(k(key))
        case var .workerChanged(summary):
            summary.runtimeId = runtimeId
            return .workerChanged(summary)
        case var .runtimeChanged(summary):
            summary.runtimeId = runtimeId
            return .runtimeChanged(summary)
        }
    }
}
