#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Registry
import Runtime

/// A legacy yoi installation built on disk for one test, in its own
/// temporary directory. Call `remove()` when done.
struct LegacyFixture {
    enum Location { case pods, sessionsPods }

    let root: URL
    let dataDir: URL
    let runtimeDir: URL
    let workspace: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("workerdeck-legacy-\(UUID().uuidString)", isDirectory: true)
        dataDir = root.appendingPathComponent("yoi-data", isDirectory: true)
        runtimeDir = root.appendingPathComponent("yoi-run", isDirectory: true)
        workspace = root.appendingPathComponent("workspace", isDirectory: true)
        for directory in [dataDir.appendingPathComponent("pods"), dataDir.appendingPathComponent("sessions/pods"),
                          runtimeDir, workspace] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }

    var paths: LegacyPaths { LegacyPaths(dataDirectory: dataDir, runtimeDirectory: runtimeDir) }

    func catalog(workspaceRoot: String? = nil, maxRecords: Int = LegacyWorkerCatalog.maxRecords) -> LegacyWorkerCatalog {
        LegacyWorkerCatalog(paths: paths, workspaceRoot: workspaceRoot ?? workspace.path,
                            maxRecords: maxRecords, retryDelay: .milliseconds(1))
    }

    /// Writes `<data>/pods/<directory>/metadata.json` (or the older location).
    func writeRecord(_ directory: String, _ json: String, at location: Location = .pods) throws {
        try writeRecord(directory, Data(json.utf8), at: location)
    }

    func writeRecord(_ directory: String, _ data: Data, at location: Location = .pods) throws {
        let base = dataDir.appendingPathComponent(location == .pods ? "pods" : "sessions/pods", isDirectory: true)
        let folder = base.appendingPathComponent(directory, isDirectory: true)
        // Plain POSIX calls: Foundation's atomic writes make 10,000 records slow.
        if mkdir(folder.path, 0o755) != 0, errno != EEXIST { throw CocoaError(.fileWriteUnknown) }
        try Self.writeBytes(data, to: folder.appendingPathComponent("metadata.json").path)
    }

    /// A typical current-generation record in this fixture's workspace.
    func record(name: String, session: String? = "s1", segment: String? = "g1",
                workspaceRoot: String? = nil, extra: String = "") -> String {
        var fields = ["\"worker_name\":\(quoted(name))"]
        if let session {
            fields.append(segment.map { "\"active\":{\"session_id\":\(quoted(session)),\"segment_id\":\(quoted($0))}" }
                ?? "\"active\":{\"session_id\":\(quoted(session))}")
        }
        fields.append("\"workspace_root\":\(quoted(workspaceRoot ?? workspace.path))")
        if !extra.isEmpty { fields.append(extra) }
        return "{" + fields.joined(separator: ",") + "}"
    }

    func segmentURL(session: String, segment: String, suffix: String = ".jsonl") -> URL {
        dataDir.appendingPathComponent("sessions/\(session)/\(segment)\(suffix)")
    }

    func writeSegment(session: String = "s1", segment: String = "g1", _ data: Data, suffix: String = ".jsonl") throws {
        let url = segmentURL(session: session, segment: segment, suffix: suffix)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func writeSegment(session: String = "s1", segment: String = "g1", lines: [String], suffix: String = ".jsonl") throws {
        try writeSegment(session: session, segment: segment, Data(lines.map { $0 + "\n" }.joined().utf8), suffix: suffix)
    }

    func appendSegment(session: String = "s1", segment: String = "g1", _ text: String) throws {
        let handle = try FileHandle(forWritingTo: segmentURL(session: session, segment: segment))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    func writeLiveness(_ json: String) throws {
        try Data(json.utf8).write(to: runtimeDir.appendingPathComponent("workers.json"))
    }

    static func writeBytes(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else { throw CocoaError(.fileWriteUnknown) }
    }

    /// `rm -rf`: FileManager's recursive removal takes ~40 s for 10,000 records here.
    func remove() {
        let rm = Process()
        rm.executableURL = URL(fileURLWithPath: "/bin/rm")
        rm.arguments = ["-rf", root.path]
        if (try? rm.run()) != nil { rm.waitUntilExit() }
        if FileManager.default.fileExists(atPath: root.path) { try? FileManager.default.removeItem(at: root) }
    }

    func quoted(_ text: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let data = try? encoder.encode(text)
        return data.map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
