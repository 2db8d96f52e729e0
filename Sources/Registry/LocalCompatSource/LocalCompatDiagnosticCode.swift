import Runtime

extension Diagnostic {
    /// A finding of the local compatibility reader. Messages are
    /// operator-facing and never contain a path, pid or socket; at most a
    /// sanitised worker name or a worker id.
    static func local(code: String, severity: DiagnosticSeverity, message: String, workerId: WorkerId? = nil) -> Diagnostic {
        Diagnostic(code: code, severity: severity, message: message,
                   implementationKind: .localCompatibility, workerId: workerId?.rawValue)
    }
}

/// Every code the local compatibility reader produces (prefix `local_`).
public enum LocalCompatDiagnosticCode {
    /// The legacy data dir does not exist or cannot be read (source degraded).
    public static let dataDirMissing = "local_data_dir_missing"
    /// A metadata.json stayed unparsable after one retry, or names no worker.
    public static let metadataInvalid = "local_metadata_invalid"
    /// A record without `workspace_root`; excluded.
    public static let workspaceRootMissing = "local_workspace_root_missing"
    /// Records of other workspaces, counted in one info diagnostic.
    public static let workspaceNotVisible = "local_workspace_not_visible"
    /// More records on disk than the scan cap; the rest were not read.
    public static let recordsCapped = "local_records_capped"
    /// Two records name the same worker; the first (`pods/` before
    /// `sessions/pods/`, then by directory name) is kept.
    public static let workerDuplicate = "local_worker_duplicate"
    /// The liveness file exists but is not what the format describes.
    public static let livenessInvalid = "local_liveness_invalid"
    /// The record points at a segment that does not exist or cannot be read.
    public static let transcriptMissing = "local_transcript_missing"
    /// A complete line of a segment that is not a JSON object; skipped.
    public static let transcriptLineInvalid = "local_transcript_line_invalid"
    /// The segment is larger than the read window; only its tail is shown.
    public static let transcriptTruncated = "local_transcript_truncated"
}

/// Fixed names of the local compatibility source.
public enum LocalCompatIdentity {
    /// The runtime id every legacy worker ref carries.
    public static let runtimeId = RuntimeId("local-compat")
    /// What summaries show as the runtime's name.
    public static let displayName = "Local compatibility (legacy local workers)"
}
