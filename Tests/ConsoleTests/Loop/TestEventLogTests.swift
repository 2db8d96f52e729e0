import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Console

/// `WORKERDECK_TEST_EVENTS` writes only to a private regular file.
@Suite struct TestEventLogTests {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("wd-events-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func mode(_ url: URL) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
    }

    func refusal(_ reason: String) -> ConsoleFailure {
        ConsoleFailure("WORKERDECK_TEST_EVENTS must name a regular file of yours: \(reason)", code: .invalidInput)
    }

    @Test func createsTheFilePrivateAndAppendsLines() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("events.jsonl")
        let log = TestEventLog(handle: try TestEventLog.open(path: file.path))
        log.emit("ready")
        log.emit("exit", ["code": 0])
        #expect(try mode(file) == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8) == "{\"event\":\"ready\"}\n{\"code\":0,\"event\":\"exit\"}\n")
    }

    @Test func anExistingFileIsAppendedToAndMadePrivate() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("events.jsonl")
        try Data("{\"event\":\"earlier\"}\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        TestEventLog(handle: try TestEventLog.open(path: file.path)).emit("ready")
        #expect(try mode(file) == 0o600)
        #expect(try String(contentsOf: file, encoding: .utf8) == "{\"event\":\"earlier\"}\n{\"event\":\"ready\"}\n")
    }

    @Test func aSymbolicLinkIsRefusedAndItsTargetUntouched() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("target")
        try Data("keep".utf8).write(to: target)
        let link = dir.appendingPathComponent("events.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: refusal("it is a symbolic link")) { _ = try TestEventLog.open(path: link.path) }
        #expect(try Data(contentsOf: target) == Data("keep".utf8))

        // A dangling link is not followed to create its target either.
        let dangling = dir.appendingPathComponent("dangling.jsonl")
        let nowhere = dir.appendingPathComponent("nowhere")
        try FileManager.default.createSymbolicLink(at: dangling, withDestinationURL: nowhere)
        #expect(throws: refusal("it is a symbolic link")) { _ = try TestEventLog.open(path: dangling.path) }
        #expect(!FileManager.default.fileExists(atPath: nowhere.path))
    }

    @Test func aDirectoryOrAFIFOIsRefusedWithoutWaiting() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: refusal("it is not a regular file")) { _ = try TestEventLog.open(path: dir.path) }
        let fifo = dir.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        // No reader: a blocking open would hang here.
        #expect(throws: refusal("it is not a regular file")) { _ = try TestEventLog.open(path: fifo.path) }
    }

    @Test func unsetOrEmptyMeansNoLog() throws {
        #expect(try TestEventLog.open(path: nil) == nil)
        #expect(try TestEventLog.open(path: "") == nil)
        #expect(!TestEventLog(handle: nil).isEnabled)
    }
}
