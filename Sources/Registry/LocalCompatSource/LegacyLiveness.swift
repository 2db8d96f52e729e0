#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Which legacy workers have a running process, from `<runtime>/workers.json`
/// (`{allocations:[{worker_name, pid, socket, …}]}`).
///
/// Only worker names survive parsing: pids are checked and dropped, sockets
/// are never read into a value.
struct LegacyLiveness: Hashable, Sendable {
    /// Names whose listed pid is alive.
    let liveNames: Set<String>

    /// Largest liveness file read; a larger one is reported invalid.
    static let maxFileBytes = 1 << 20

    /// `kill(pid, 0)` succeeds or fails with EPERM (alive, another user's).
    /// Pids ≤ 0 are never probed: they address process groups.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        if kill(pid, 0) == 0 { return true }
        return errno == EPERM
    }

    /// Pure given `isAlive`: unknown keys ignored, entries without a string
    /// `worker_name` or an integral pid in 1…Int32.max skipped.
    /// Returns nil when the document is not an object with an `allocations` array.
    static func parse(_ data: some Collection<UInt8>, isAlive: (Int32) -> Bool) -> LegacyLiveness? {
        guard let json = LegacyJSON.parse(data), let allocations = json["allocations"]?.array else { return nil }
        var names = Set<String>()
        for allocation in allocations {
            guard let name = allocation["worker_name"]?.string ?? allocation["pod_name"]?.string,
                  let pid = allocation["pid"]?.int64, pid > 0, pid <= Int64(Int32.max)
            else { continue }
            if isAlive(Int32(pid)) { names.insert(name) }
        }
        return LegacyLiveness(liveNames: names)
    }

    /// Reads the file: absent → nobody is live, no diagnostic; present but
    /// unusable → nobody is live plus `local_liveness_invalid`.
    static func load(from file: URL, isAlive: (Int32) -> Bool) -> (LegacyLiveness, Diagnostic?) {
        switch LegacyFile.read(file, maxBytes: maxFileBytes) {
        case .missing:
            return (LegacyLiveness(liveNames: []), nil)
        case .tooLarge, .unreadable:
            return (LegacyLiveness(liveNames: []), invalid)
        case let .contents(data):
            guard let liveness = parse(data, isAlive: isAlive) else { return (LegacyLiveness(liveNames: []), invalid) }
            return (liveness, nil)
        }
    }

    private static let invalid = Diagnostic.local(
        code: LocalCompatDiagnosticCode.livenessInvalid, severity: .warning,
        message: "the legacy liveness file could not be read; no legacy worker is shown as live"
    )
}
