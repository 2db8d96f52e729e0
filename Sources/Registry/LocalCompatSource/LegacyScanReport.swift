import Runtime

/// Collects a scan's diagnostics. Per-record diagnostics of one code are
/// kept up to `limit`; the rest are counted and summarised in one
/// diagnostic of the same code when the report is finished.
struct LegacyScanReport {
    private(set) var diagnostics: [Diagnostic] = []
    private var perCode: [String: Int] = [:]
    private var overflow: [(code: String, severity: DiagnosticSeverity, count: Int)] = []
    let limit: Int

    init(limit: Int = LegacyWorkerCatalog.maxDiagnosticsPerCode) {
        self.limit = limit
    }

    /// Adds a catalog-wide diagnostic (never summarised).
    mutating func add(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Adds a per-record diagnostic, or counts it once `limit` of its code
    /// were added.
    mutating func addRecord(_ diagnostic: Diagnostic) {
        let count = perCode[diagnostic.code, default: 0]
        perCode[diagnostic.code] = count + 1
        if count < limit {
            diagnostics.append(diagnostic)
        } else if let index = overflow.firstIndex(where: { $0.code == diagnostic.code }) {
            overflow[index].count += 1
        } else {
            overflow.append((diagnostic.code, diagnostic.severity, 1))
        }
    }

    func finished() -> [Diagnostic] {
        diagnostics + overflow.map {
            Diagnostic.local(code: $0.code, severity: $0.severity,
                                  message: "+\($0.count) more legacy records with the same problem")
        }
    }
}
