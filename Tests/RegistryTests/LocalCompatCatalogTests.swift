#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Registry
import Runtime

@Suite struct LocalCompatCatalogTests {
    func codes(_ snapshot: LegacyCatalogSnapshot) -> [String] { snapshot.diagnostics.map(\.code) }

    @Test func readsBothSchemaGenerationsAndBothLocations() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeRecord("old", fixture.record(name: "old").replacingOccurrences(of: "worker_name", with: "pod_name"),
                                at: .sessionsPods)
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.dataDirectoryFound)
        #expect(snapshot.workers.map(\.label) == ["api", "old"])
        #expect(snapshot.workers.map(\.workerId) == [
            LegacyWorkerIdentity.workerId(forName: "api"), LegacyWorkerIdentity.workerId(forName: "old"),
        ])
        #expect(snapshot.diagnostics.isEmpty)
        #expect(snapshot.recordsRead == 2)
    }

    @Test func statusFollowsTheActivePointer() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("a", fixture.record(name: "a"))
        try fixture.writeRecord("b", fixture.record(name: "b", segment: nil))
        try fixture.writeRecord("c", fixture.record(name: "c", session: nil))
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.map(\.status) == [.active, .pending, .metadataOnly])
        #expect(snapshot.workers.map(\.hasTranscript) == [true, false, false])
        #expect(snapshot.count(.active) == 1)
    }

    @Test func sameDirectoryInBothLocationsIsReadFromPodsOnly() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeRecord("api", fixture.record(name: "api", session: nil), at: .sessionsPods)
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.map(\.status) == [.active])
        #expect(snapshot.diagnostics.isEmpty)
    }

    @Test func twoRecordsWithOneNameKeepTheFirst() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("one", fixture.record(name: "api"))
        try fixture.writeRecord("two", fixture.record(name: "api", session: nil))
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.map(\.status) == [.active])
        #expect(codes(snapshot) == [LocalCompatDiagnosticCode.workerDuplicate])
    }

    @Test func otherWorkspacesAreCountedInOneInfoDiagnostic() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("mine", fixture.record(name: "mine"))
        for index in 0..<3 {
            try fixture.writeRecord("other\(index)", fixture.record(name: "other\(index)", workspaceRoot: "/elsewhere/\(index)"))
        }
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.map(\.label) == ["mine"])
        #expect(snapshot.diagnostics == [Diagnostic.local(
            code: "local_workspace_not_visible", severity: .info,
            message: "3 legacy workers belong to other workspaces and are not shown")])
    }

    @Test func recordsWithoutRootAreExcludedWithDiagnostic() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("ancient", #"{"worker_name":"ancient"}"#)
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.isEmpty)
        #expect(snapshot.diagnostics == [Diagnostic.local(
            code: "local_workspace_root_missing", severity: .warning,
            message: "legacy record 'ancient' names no workspace and is not shown")])
    }

    @Test func rootComparesLexicallyWithBackslashesAndTrailingSlashes() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("win", fixture.record(name: "win", workspaceRoot: #"C:\work\api\\"#))
        try fixture.writeRecord("nix", fixture.record(name: "nix", workspaceRoot: "C:/work/api/"))
        let snapshot = fixture.catalog(workspaceRoot: "C:/work/api").scan()
        #expect(snapshot.workers.map(\.label) == ["nix", "win"])
    }

    @Test func rootMatchesThroughSymlinks() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        let link = fixture.root.appendingPathComponent("link-to-workspace")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: fixture.workspace)
        try fixture.writeRecord("linked", fixture.record(name: "linked", workspaceRoot: link.path + "/"))
        #expect(fixture.catalog().scan().workers.map(\.label) == ["linked"])
        // And the other way round: the console opened through the link.
        try fixture.writeRecord("direct", fixture.record(name: "direct"))
        #expect(fixture.catalog(workspaceRoot: link.path).scan().workers.map(\.label) == ["direct", "linked"])
    }

    @Test func invalidMetadataIsRetriedThenDiagnosedWithoutPath() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("torn", #"{"worker_name":"to"#)
        try fixture.writeRecord("empty", Data())
        try fixture.writeRecord("nameless", #"{"active":{}}"#)
        try fixture.writeRecord("fine", fixture.record(name: "fine"))
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.map(\.label) == ["fine"])
        #expect(snapshot.diagnostics.map(\.message) == [
            "legacy record 'empty' was skipped: its metadata is not a JSON object",
            "legacy record 'nameless' was skipped: its metadata names no worker",
            "legacy record 'torn' was skipped: its metadata is not a JSON object",
        ])
        #expect(Set(codes(snapshot)) == [LocalCompatDiagnosticCode.metadataInvalid])
    }

    @Test func fifoInPlaceOfMetadataIsRefusedNotWaitedOn() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        let folder = fixture.dataDir.appendingPathComponent("pods/pipe")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(mkfifo(folder.appendingPathComponent("metadata.json").path, 0o644) == 0)
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.diagnostics.map(\.message) == ["legacy record 'pipe' was skipped: its metadata cannot be read"])
    }

    @Test func directoriesWithoutMetadataAreSkippedSilently() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try FileManager.default.createDirectory(
            at: fixture.dataDir.appendingPathComponent("pods/vanished"), withIntermediateDirectories: true)
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.isEmpty && snapshot.diagnostics.isEmpty)
    }

    @Test func missingDataDirDegradesWithDiagnostic() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        let paths = LegacyPaths(dataDirectory: fixture.root.appendingPathComponent("absent"), runtimeDirectory: fixture.runtimeDir)
        let snapshot = LegacyWorkerCatalog(paths: paths, workspaceRoot: fixture.workspace.path).scan()
        #expect(!snapshot.dataDirectoryFound)
        #expect(codes(snapshot) == [LocalCompatDiagnosticCode.dataDirMissing])
    }

    @Test func hintsComeFromTheSnapshotFirstMatchWins() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        let snapshots = [
            ("a", #"{"role":"reviewer","profile":"p","model":{"ref":"openai/gpt-4o"}}"#, "reviewer", "openaigpt-4o"),
            ("b", #"{"role_claim":{"role":{"name":"planner"}}}"#, "planner", nil),
            ("c", #"{"profile_selector":"\u001b[2Jfast\u202e"}"#, "[2Jfast", nil),
            ("d", #"{"profile":{"profile":{"name":"deep"}}}"#, "deep", nil),
            ("e", #"{"profile":{"source":{"name":"from-source"}},"model":{"ref":""}}"#, "from-source", nil),
            ("f", #"{"role":42,"profile":{"name":"named"}}"#, "named", nil),
        ]
        for (name, json, _, _) in snapshots {
            try fixture.writeRecord(name, fixture.record(name: name, extra: "\"resolved_manifest_snapshot\":\(json)"))
        }
        let workers = fixture.catalog().scan().workers
        #expect(workers.map(\.profile) == snapshots.map(\.2))
        #expect(workers.map(\.model) == snapshots.map(\.3))
    }

    @Test func labelsAreSanitised() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("x", fixture.record(name: "\u{1B}]0;evil\u{7}bot/\\"))
        try fixture.writeRecord("y", fixture.record(name: "\u{200B}"))
        let workers = fixture.catalog().scan().workers
        #expect(workers.map(\.label) == ["]0;evilbot", nil])
    }

    @Test func alivePidIsLiveAndDeadPidIsNot() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("up", fixture.record(name: "up"))
        try fixture.writeRecord("down", fixture.record(name: "down"))
        try fixture.writeRecord("waiting", fixture.record(name: "waiting", segment: nil))
        let me = ProcessInfo.processInfo.processIdentifier
        try fixture.writeLiveness("""
        {"allocations":[
          {"worker_name":"up","pid":\(me),"socket":"\(fixture.runtimeDir.path)/up.sock"},
          {"worker_name":"down","pid":\(Int32.max),"socket":"/tmp/down.sock"},
          {"worker_name":"waiting","pid":\(me)},
          {"worker_name":"zero","pid":0},
          {"pid":\(me)}
        ]}
        """)
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.map(\.status) == [.active, .live, .pending])
        #expect(snapshot.workers.map(\.label) == ["down", "up", "waiting"])
        #expect(snapshot.diagnostics.isEmpty)
    }

    @Test func brokenLivenessFileMeansNobodyIsLive() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("up", fixture.record(name: "up"))
        try fixture.writeLiveness(#"{"allocations":"#)
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.map(\.status) == [.active])
        #expect(codes(snapshot) == [LocalCompatDiagnosticCode.livenessInvalid])
    }

    @Test func tenThousandRecordsAreCappedAtOneThousandWithDiagnostic() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        for index in 0..<10_000 {
            let name = String(format: "w%05d", index)
            try fixture.writeRecord(name, fixture.record(name: name), at: index.isMultiple(of: 2) ? .pods : .sessionsPods)
        }
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.recordsOnDisk == 10_000)
        #expect(snapshot.recordsRead == 1_000)
        #expect(snapshot.workers.count == 1_000)
        #expect(snapshot.workers.first?.label == "w00000")
        #expect(snapshot.diagnostics == [Diagnostic.local(
            code: "local_records_capped", severity: .warning,
            message: "10000 legacy records exist; only the first 1000 were read")])
    }

    @Test func perRecordDiagnosticsAreSummarisedPastTen() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        for index in 0..<14 {
            try fixture.writeRecord("r\(index)", #"{"worker_name":"r\#(index)"}"#)
        }
        let diagnostics = fixture.catalog().scan().diagnostics
        #expect(diagnostics.count == 11)
        #expect(diagnostics.last?.message == "+4 more legacy records with the same problem")
    }
}
