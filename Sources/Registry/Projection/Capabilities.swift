/// What a runtime, or one worker, allows right now.
public struct Capabilities: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case canListWorkers = "can_list_workers", canGetWorker = "can_get_worker",
            canCreateWorker = "can_create_worker", canAcceptInput = "can_accept_input", canInterrupt = "can_interrupt",
            canStop = "can_stop", canCancel = "can_cancel", canReconnect = "can_reconnect",
            canReadTranscript = "can_read_transcript", canStreamEvents = "can_stream_events", readOnly = "read_only"
    }

    public var canListWorkers: Bool
    public var canGetWorker: Bool
    public var canCreateWorker: Bool
    public var canAcceptInput: Bool
    public var canInterrupt: Bool
    public var canStop: Bool
    public var canCancel: Bool
    public var canReconnect: Bool
    public var canReadTranscript: Bool
    public var canStreamEvents: Bool
    public var readOnly: Bool

    public init(canListWorkers: Bool = false, canGetWorker: Bool = false, canCreateWorker: Bool = false,
                canAcceptInput: Bool = false, canInterrupt: Bool = false, canStop: Bool = false,
                canCancel: Bool = false, canReconnect: Bool = false, canReadTranscript: Bool = false,
                canStreamEvents: Bool = false, readOnly: Bool = false) {
        self.canListWorkers = canListWorkers
        self.canGetWorker = canGetWorker
        self.canCreateWorker = canCreateWorker
        self.canAcceptInput = canAcceptInput
        self.canInterrupt = canInterrupt
        self.canStop = canStop
        self.canCancel = canCancel
        self.canReconnect = canReconnect
        self.canReadTranscript = canReadTranscript
        self.canStreamEvents = canStreamEvents
        self.readOnly = readOnly
    }

    public static let none = Capabilities()
}
