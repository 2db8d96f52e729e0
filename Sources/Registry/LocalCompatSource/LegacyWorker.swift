import Foundation
import Runtime

/// What an operator reads about a legacy worker's state.
public enum LegacyWorkerStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// The registry's status for it.
    var projected: WorkerStatus {
        switch self {
        case .active: .active
        case .live: .live
        case .pending: .pending
        case .metadataOnly: .metadataOnly
        }
    }

    /// The record points at a segment; no live process is known.
    case active
    /// `active`, and the liveness file lists an alive process for it.
    case live
    /// The record has a session pointer without a segment.
    case pending
    /// The record has no session pointer.
    case metadataOnly = "metadata_only"
}

/// One legacy worker, safe to show: no path, pid or socket is held here.
/// `workerId` is `LegacyWorkerIdentity.workerId(forName:)` of the record's
/// name; the label and hints went through `LegacyText.hint`.
public struct LegacyWorker: Hashable, Sendable, Encodable {
    public let workerId: WorkerId
    /// The sanitised worker name; nil when nothing printable was left.
    public let label: String?
    public let status: LegacyWorkerStatus
    /// First of `role`, `role_claim.role`, `profile_selector`, `profile`,
    /// `profile.profile.name`, `profile.source.name` in the snapshot.
    public let profile: String?
    /// `model.ref` in the snapshot.
    public let model: String?
    /// The segment the transcript comes from; not encoded, not public.
    let segment: LegacySegmentRef?

    init(workerId: WorkerId, label: String?, status: LegacyWorkerStatus,
         profile: String?, model: String?, segment: LegacySegmentRef?) {
        self.workerId = workerId
        self.label = label
        self.status = status
        self.profile = profile
        self.model = model
        self.segment = segment
    }

    /// Whether a transcript can be read (the record points at a segment).
    public var hasTranscript: Bool { segment != nil }

    private enum CodingKeys: String, CodingKey {
        case workerId, label, status, profile, model
    }

}
