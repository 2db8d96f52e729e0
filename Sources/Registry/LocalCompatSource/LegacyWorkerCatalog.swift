import Foundation
import Runtime

/// Scans the legacy records of one workspace. Read-only; never writes.
///
/// Bounds: lists at most `maxListedNames` names per record directory, reads
/// at most `maxRecords` metadata files of at most `maxMetadataBytes` each,
/// pauses at most once per scan (`retryDelay`) to retry unparsable files.
/// `scan()` is synchronous blocking I/O: call it off the main actor.
public struct LegacyWorkerCatalog: Sendable, CustomStringConvertible, CustomReflectable {
    public static let maxRecords = 1_000
    static let maxListedNames = 100_000
    static let maxMetadataBytes = 4 << 20
    /// Per-record diagnostics of one code beyond this are summarised.
    static let maxDiagnosticsPerCode = 10

    public let paths: LegacyPaths
    let workspaceRoot: String
    let maxRecords: Int
    let retryDelay: Duration
    let isAlive: @Sendable (Int32) -> Bool

    /// - Parameters:
    ///   - workspaceRoot: the console's workspace root (absolute path).
    ///   - maxRecords: the scan cap, 1…`LegacyWorkerCatalog.maxRecords`.
    ///   - retryDelay: the pause before re-reading unparsable metadata.
    public init(paths: LegacyPaths, workspaceRoot: String, maxRecords: Int = LegacyWorkerCatalog.maxRecords,
                retryDelay: Duration = .milliseconds(50)) {
        self.init(paths: paths, workspaceRoot: workspaceRoot, maxRecords: maxRecords,
                  retryDelay: retryDelay, isAlive: { LegacyLiveness.isAlive($0) })
    }

    init(paths: LegacyPaths, workspaceRoot: String, maxRecords: Int, retryDelay: Duration,
         isAlive: @escaping @Sendable (Int32) -> Bool) {
        precondition((1...Self.maxRecords).contains(maxRecords), "maxRecords must be 1…1000")
        self.paths = paths
        self.workspaceRoot = workspaceRoot
        self.maxRecords = maxRecords
        self.retryDelay = retryDelay
        self.isAlive = isAlive
    }

    public var description: String { "LegacyWorkerCatalog(redacted)" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }

    /// One record directory to read: its name and where it is.
    struct Candidate {
        let directoryName: String
        let metadataFile: URL
    }

    public func scan() -> LegacyCatalogSnapshot {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: paths.dataDirectory.path, isDirectory: &isDirectory),
              isDirectory.boolValue
        else {
            return LegacyCatalogSnapshot(
                dataDirectoryFound: false, workers: [],
                diagnostics: [Diagnostic.local(
                    code: LocalCompatDiagnosticCode.dataDirMissing, severity: .warning,
                    message: "no legacy data directory was found; there are no legacy workers to show")],
                recordsOnDisk: 0, recordsRead: 0)
        }
        var report = LegacyScanReport()
        let (candidates, onDisk, countCapped) = listCandidates()
        let chosen = Array(candidates.prefix(maxRecords))
        if candidates.count > chosen.count || countCapped {
            let more = countCapped ? "more than \(onDisk)" : "\(onDisk)"
            report.add(Diagnostic.local(
                code: LocalCompatDiagnosticCode.recordsCapped, severity: .warning,
                message: "\(more) legacy records exist; only the first \(chosen.count) were read"))
        }
        let records = readRecords(chosen, into: &report)
        let workers = visibleWorkers(records, into: &report)
        return LegacyCatalogSnapshot(
            dataDirectoryFound: true, workers: workers, diagnostics: report.finished(),
            recordsOnDisk: onDisk, recordsRead: chosen.count)
    }

    /// Both record locations, `pods/` first, each sorted by name; a name in
    /// both is read from `pods/` only.
    func listCandidates() -> (candidates: [Candidate], onDisk: Int, countCapped: Bool) {
        var seen = Set<String>()
        var candidates: [Candidate] = []
        var capped = false
        for directory in paths.recordDirectories {
            guard let listing = LegacyFile.directoryNames(
                directory, limit: Self.maxListedNames, countLimit: Self.maxListedNames)
            else { continue }
            capped = capped || listing.countCapped
            for name in listing.names.sorted() where seen.insert(name).inserted {
                candidates.append(Candidate(
                    directoryName: name,
                    metadataFile: directory.appendingPathComponent(name, isDirectory: true)
                        .appendingPathComponent("metadata.json", isDirectory: false)))
            }
        }
        return (candidates, candidates.count, capped)
    }
}
