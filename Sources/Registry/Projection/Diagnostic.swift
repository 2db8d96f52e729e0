import Runtime

/// A diagnostic as the registry shows it: labelled with the implementation
/// kind that produced it. Messages are path-free.
public struct Diagnostic: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case code, severity, message, implementationKind = "implementation_kind", workerId = "worker_id"
    }

    public var code: String
    public var severity: DiagnosticSeverity
    public var message: String
    public var implementationKind: ImplementationKind
    /// The worker it concerns, if any.
    public var workerId: String?

    public init(code: String, severity: DiagnosticSeverity, message: String,
                implementationKind: ImplementationKind, workerId: String? = nil) {
        self.code = code
        self.severity = severity
        self.message = message
        self.implementationKind = implementationKind
        self.workerId = workerId
    }

    /// The most a merged list shows per item.
    public static let listCap = 16

    /// Caps a merged list at `listCap`, replacing the rest with one
    /// "+N more" diagnostic.
    public static func capped(_ list: [Diagnostic], kind: ImplementationKind) -> [Diagnostic] {
        guard list.count > listCap else { return list }
        let kept = Array(list.prefix(listCap - 1))
        let more = list.count - kept.count
        return kept + [Diagnostic(code: kind.diagnosticPrefix + "more_diagnostics", severity: .info,
                                  message: "+\(more) more", implementationKind: kind)]
    }
}
