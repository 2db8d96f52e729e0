/// What a runtime, or one worker, allows right now.
public struct Capabilities: Hashable, Sendable, Codable {
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
