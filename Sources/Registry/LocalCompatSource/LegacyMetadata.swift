import Foundation

/// Which segment file a record's `active` pointer names. Both ids are single
/// path components (no `/`, `\`, NUL, not `.` or `..`, ≤ 255 bytes), so
/// joining them under `<data>/sessions/` cannot leave that directory.
struct LegacySegmentRef: Hashable, Sendable, CustomStringConvertible, CustomReflectable {
    let sessionId: String
    let segmentId: String

    init?(sessionId: String, segmentId: String) {
        guard Self.isSafeComponent(sessionId), Self.isSafeComponent(segmentId) else { return nil }
        self.sessionId = sessionId
        self.segmentId = segmentId
    }

    var description: String { "LegacySegmentRef(redacted)" }
    var customMirror: Mirror { Mirror(self, children: [:]) }

    static func isSafeComponent(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 200 && text != "." && text != ".."
            && !text.contains("/") && !text.contains("\\") && !text.utf8.contains(0)
    }
}

/// What a legacy `metadata.json` says, reduced to what the console shows.
/// `spawned_children`, `reclaimed_children` and `peers` are never read, so
/// the socket paths they carry never enter memory as values.
struct LegacyMetadata: Hashable, Sendable {
    enum Active: Hashable, Sendable {
        /// No `active` object.
        case none
        /// `active` without `segment_id`.
        case pending
        /// `active.session_id` + `active.segment_id`; `nil` when they are not
        /// usable file names (shown as a missing transcript).
        case segment(LegacySegmentRef?)
    }

    /// `worker_name`, else `pod_name`: non-empty, as written.
    let name: String
    let active: Active
    /// `workspace_root` as written; nil when absent or not a string.
    let workspaceRoot: String?
    let hints: LegacyHints

    enum ParseError: Error, Hashable, Sendable {
        /// Not one JSON object (empty, half-written, not JSON).
        case notJSON
        /// Valid JSON, but neither `worker_name` nor `pod_name` is a non-empty string.
        case nameMissing
    }

    /// Pure: bytes in, record or reason out.
    static func parse(_ data: some Collection<UInt8>) -> Result<LegacyMetadata, ParseError> {
        guard let json = LegacyJSON.parse(data), json.object != nil else { return .failure(.notJSON) }
        let name = [json["worker_name"], json["pod_name"]]
            .lazy.compactMap { $0?.string }.first { !$0.isEmpty }
        guard let name else { return .failure(.nameMissing) }

        let active: Active
        if let pointer = json["active"]?.object {
            if let segment = pointer["segment_id"]?.string {
                let session = pointer["session_id"]?.string ?? ""
                active = .segment(LegacySegmentRef(sessionId: session, segmentId: segment))
            } else {
                active = .pending
            }
        } else {
            active = .none
        }
        let root = json["workspace_root"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        let hints = LegacyHints(snapshot: json["resolved_manifest_snapshot"])
        return .success(LegacyMetadata(name: name, active: active, workspaceRoot: root, hints: hints))
    }
}

/// The role/profile hint and the model hint from `resolved_manifest_snapshot`,
/// each sanitised by `LegacyText.hint` (nil when absent or empty).
struct LegacyHints: Hashable, Sendable {
    /// Where the role/profile hint may be, in order; the first place holding
    /// a string, or an object with a string `name`, that survives
    /// sanitising wins.
    static let profilePaths = [
        "role", "role_claim.role", "profile_selector", "profile",
        "profile.profile.name", "profile.source.name",
    ]

    var profile: String?
    var model: String?

    init(profile: String? = nil, model: String? = nil) {
        self.profile = profile
        self.model = model
    }

    init(snapshot: LegacyJSON?) {
        guard let snapshot else { self.init(); return }
        var profile: String?
        for path in Self.profilePaths {
            guard let value = snapshot.value(at: path) else { continue }
            if let text = value.string ?? value["name"]?.string, let clean = LegacyText.hint(text) {
                profile = clean
                break
            }
        }
        let modelValue = snapshot.value(at: "model.ref")
        self.init(profile: profile, model: (modelValue?.string ?? modelValue?["name"]?.string).flatMap(LegacyText.hint))
    }
}
