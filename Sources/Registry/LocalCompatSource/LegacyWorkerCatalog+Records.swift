import Foundation
import Runtime

extension LegacyWorkerCatalog {
    /// A parsed record and the directory name it came from.
    struct Record {
        let directoryName: String
        let metadata: LegacyMetadata
    }

    /// Reads and parses each candidate's metadata.json. An absent file (a
    /// vanished directory, a stray file) is skipped silently. Unparsable
    /// files are re-read once after a single `retryDelay` pause for the whole
    /// batch, then reported as `local_metadata_invalid`.
    func readRecords(_ candidates: [Candidate], into report: inout LegacyScanReport) -> [Record] {
        var records: [Record?] = Array(repeating: nil, count: candidates.count)
        var retry: [Int] = []
        for (index, candidate) in candidates.enumerated() {
            switch Self.load(candidate) {
            case let .success(metadata?): records[index] = Record(directoryName: candidate.directoryName, metadata: metadata)
            case .success(nil): continue
            case .failure: retry.append(index)
            }
        }
        if !retry.isEmpty, retryDelay > .zero {
            let (seconds, attoseconds) = retryDelay.components
            Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) / 1e18)
        }
        for index in retry {
            let candidate = candidates[index]
            switch Self.load(candidate) {
            case let .success(metadata?): records[index] = Record(directoryName: candidate.directoryName, metadata: metadata)
            case .success(nil): continue
            case let .failure(reason):
                let name = LegacyText.hint(candidate.directoryName).map { "'\($0)'" } ?? "(unnamed)"
                report.addRecord(Diagnostic.local(
                    code: LocalCompatDiagnosticCode.metadataInvalid, severity: .warning,
                    message: "legacy record \(name) was skipped: \(reason.summary)"))
            }
        }
        return records.compactMap { $0 }
    }

    enum LoadFailure: Error {
        case tooLarge, unreadable, parse(LegacyMetadata.ParseError)

        var summary: String {
            switch self {
            case .tooLarge: "its metadata is larger than 4 MiB"
            case .unreadable: "its metadata cannot be read"
            case .parse(.notJSON): "its metadata is not a JSON object"
            case .parse(.nameMissing): "its metadata names no worker"
            }
        }
    }

    /// nil: no metadata file (nothing to report).
    static func load(_ candidate: Candidate) -> Result<LegacyMetadata?, LoadFailure> {
        switch LegacyFile.read(candidate.metadataFile, maxBytes: maxMetadataBytes) {
        case .missing: return .success(nil)
        case .tooLarge: return .failure(.tooLarge)
        case .unreadable: return .failure(.unreadable)
        case let .contents(data):
            return LegacyMetadata.parse(data).map { Optional($0) }.mapError { LoadFailure.parse($0) }
        }
    }

    /// Applies the workspace filter and liveness, mints ids, drops duplicates.
    func visibleWorkers(_ records: [Record], into report: inout LegacyScanReport) -> [LegacyWorker] {
        var match = LegacyWorkspaceMatch(workspaceRoot: workspaceRoot)
        var notVisible = 0
        var kept: [Record] = []
        for record in records {
            guard let root = record.metadata.workspaceRoot else {
                let name = LegacyText.hint(record.metadata.name).map { "'\($0)'" } ?? "(unnamed)"
                report.addRecord(Diagnostic.local(
                    code: LocalCompatDiagnosticCode.workspaceRootMissing, severity: .warning,
                    message: "legacy record \(name) names no workspace and is not shown"))
                continue
            }
            if match.matches(root) { kept.append(record) } else { notVisible += 1 }
        }
        if notVisible > 0 {
            report.add(Diagnostic.local(
                code: LocalCompatDiagnosticCode.workspaceNotVisible, severity: .info,
                message: notVisible == 1
                    ? "1 legacy worker belongs to another workspace and is not shown"
                    : "\(notVisible) legacy workers belong to other workspaces and are not shown"))
        }
        let needsLiveness = kept.contains { if case .segment = $0.metadata.active { true } else { false } }
        var liveNames = Set<String>()
        if needsLiveness {
            let (liveness, problem) = LegacyLiveness.load(from: paths.livenessFile, isAlive: isAlive)
            liveNames = liveness.liveNames
            if let problem { report.add(problem) }
        }
        var ids = Set<WorkerId>()
        var workers: [LegacyWorker] = []
        for record in kept {
            let worker = Self.worker(record.metadata, isLive: liveNames.contains(record.metadata.name))
            guard ids.insert(worker.workerId).inserted else {
                report.addRecord(Diagnostic.local(
                    code: LocalCompatDiagnosticCode.workerDuplicate, severity: .warning,
                    message: "two legacy records name worker \(worker.workerId); only the first is shown",
                    workerId: worker.workerId))
                continue
            }
            workers.append(worker)
        }
        return workers
    }

    static func worker(_ metadata: LegacyMetadata, isLive: Bool) -> LegacyWorker {
        let status: LegacyWorkerStatus
        let segment: LegacySegmentRef?
        switch metadata.active {
        case .none: (status, segment) = (.metadataOnly, nil)
        case .pending: (status, segment) = (.pending, nil)
        case let .segment(ref): (status, segment) = (isLive ? .live : .active, ref)
        }
        return LegacyWorker(
            workerId: LegacyWorkerIdentity.workerId(forName: metadata.name),
            label: LegacyText.hint(metadata.name), status: status,
            profile: metadata.hints.profile, model: metadata.hints.model, segment: segment)
    }
}
