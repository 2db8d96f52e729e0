#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Registry
import Runtime

@Suite struct LocalCompatTranscriptTests {
    static func line(_ message: String, ts: Int = 1_000) -> String {
        #"{"kind":"run_errored","ts":\#(ts),"message":"\#(message)"}"#
    }

    func contents(_ transcript: LegacyTranscript) -> [String] { transcript.entries.map(\.content) }

    @Test func entriesAreNumberedLikeEmbeddedOnes() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [Self.line("a", ts: 1_500), Self.line("b")])
        var transcript = try legacyTranscript(fixture)
        let update = transcript.refresh()
        #expect(update == LegacyTranscript.Update(reset: false, appended: 1...2, diagnostics: []))
        let ref = WorkerRef(runtimeId: RuntimeId("local-compat"), workerId: LegacyWorkerIdentity.workerId(forName: "api"))
        #expect(transcript.entries == [
            TranscriptEntry(sequence: 1, role: .system, kind: .error, content: "a", eventId: 0,
                            createdAt: Date(timeIntervalSince1970: 1.5)),
            TranscriptEntry(sequence: 2, role: .system, kind: .error, content: "b", eventId: 0,
                            createdAt: Date(timeIntervalSince1970: 1)),
        ])
        #expect(transcript.ref == ref)
    }

    @Test func traceFilesAreIgnored() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [Self.line("real")])
        try fixture.writeSegment(lines: [Self.line("trace")], suffix: ".trace.jsonl")
        var transcript = try legacyTranscript(fixture)
        _ = transcript.refresh()
        #expect(contents(transcript) == ["real"])
    }

    @Test func tornTailIsReadOnceComplete() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(Data((Self.line("one") + "\n" + #"{"kind":"run_err"#).utf8))
        var transcript = try legacyTranscript(fixture)
        #expect(transcript.refresh().appended == 1...1)
        #expect(contents(transcript) == ["one"])
        try fixture.appendSegment(#"ored","message":"two"}"# + "\n")
        let update = transcript.refresh()
        #expect(update == LegacyTranscript.Update(reset: false, appended: 2...2, diagnostics: []))
        #expect(contents(transcript) == ["one", "two"])
    }

    @Test func incrementalRefreshReadsOnlyNewLines() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [Self.line("one")])
        var transcript = try legacyTranscript(fixture)
        _ = transcript.refresh()
        #expect(transcript.refresh() == LegacyTranscript.Update(reset: false, appended: nil, diagnostics: []))
        try fixture.appendSegment(Self.line("two") + "\n" + Self.line("three") + "\n")
        #expect(transcript.refresh().appended == 2...3)
        #expect(transcript.entries.map(\.sequence) == [1, 2, 3])
    }

    @Test func malformedMiddleLineIsSkippedWithLineNumber() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [Self.line("one"), "{not json", Self.line("three")])
        var transcript = try legacyTranscript(fixture)
        let update = transcript.refresh()
        #expect(contents(transcript) == ["one", "three"])
        #expect(update.diagnostics.map(\.code) == ["local_transcript_line_invalid"])
        #expect(update.diagnostics.first?.message.hasPrefix("line 2 of the transcript of legacy worker local-api-") == true)
        // Line numbers keep counting across incremental reads.
        try fixture.appendSegment("oops\n")
        #expect(transcript.refresh().diagnostics.first?.message.hasPrefix("line 4 ") == true)
    }

    @Test func invalidUTF8IsReplacedNotFatal() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        var data = Data(#"{"kind":"system_item","item":{"body":"caf"#.utf8)
        data += Data([0xE9])
        data += Data("\"}}\n".utf8)
        try fixture.writeSegment(data)
        var transcript = try legacyTranscript(fixture)
        _ = transcript.refresh()
        #expect(contents(transcript) == ["caf\u{FFFD}"])
    }

    @Test func missingSegmentShowsWorkerWithoutTranscript() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        let snapshot = fixture.catalog().scan()
        #expect(snapshot.workers.map(\.status) == [.active])
        var transcript = try legacyTranscript(fixture)
        let update = transcript.refresh()
        #expect(update.diagnostics.map(\.code) == ["local_transcript_missing"])
        #expect(update.diagnostics.first?.workerId == LegacyWorkerIdentity.workerId(forName: "api").rawValue)
        #expect(try transcript.page(start: 0, limit: 10).totalItems == 0)
    }

    @Test func unsafeSegmentPointerIsTreatedAsMissing() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api", session: "..", segment: "../../pods/api/metadata"))
        var transcript = try legacyTranscript(fixture)
        #expect(transcript.refresh().diagnostics.map(\.code) == ["local_transcript_missing"])
    }

    @Test func fifoInPlaceOfSegmentIsMissingNotWaitedOn() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        let url = fixture.segmentURL(session: "s1", segment: "g1")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(url.path, 0o644) == 0)
        var transcript = try legacyTranscript(fixture)
        #expect(transcript.refresh().diagnostics.map(\.code) == ["local_transcript_missing"])
    }

    @Test func pendingWorkerHasNoTranscriptAndNoDiagnostic() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api", segment: nil))
        var transcript = try legacyTranscript(fixture)
        #expect(transcript.refresh() == LegacyTranscript.Update(reset: false, appended: nil, diagnostics: []))
    }

    @Test func shrunkFileIsReadAgainFromTheStart() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [Self.line("one"), Self.line("two"), Self.line("three")])
        var transcript = try legacyTranscript(fixture)
        _ = transcript.refresh()
        try fixture.writeSegment(lines: [Self.line("uno")])
        let update = transcript.refresh()
        #expect(update == LegacyTranscript.Update(reset: true, appended: 1...1, diagnostics: []))
        #expect(contents(transcript) == ["uno"])
    }

    @Test func rewrittenFileOfSameLengthIsReadAgain() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [Self.line("aaa")])
        var transcript = try legacyTranscript(fixture)
        _ = transcript.refresh()
        try fixture.writeSegment(lines: [Self.line("bbb"), Self.line("ccc")])
        #expect(transcript.refresh().reset)
        #expect(contents(transcript) == ["bbb", "ccc"])
    }

    @Test func vanishedSegmentResetsWithDiagnostic() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: [Self.line("one")])
        var transcript = try legacyTranscript(fixture)
        _ = transcript.refresh()
        try FileManager.default.removeItem(at: fixture.segmentURL(session: "s1", segment: "g1"))
        let update = transcript.refresh()
        #expect(update.reset)
        #expect(update.diagnostics.map(\.code) == ["local_transcript_missing"])
        #expect(transcript.entries.isEmpty)
    }

    @Test func largeSegmentIsReadFromItsLast4MiB() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        // 100-byte lines, 50,000 of them (≈ 5 MB): only the tail fits.
        let lines = (0..<50_000).map { index -> String in
            let head = #"{"kind":"run_errored","message":"\#(String(format: "%06d", index))"#
            return head + String(repeating: " ", count: 97 - head.utf8.count) + "\"}"
        }
        try fixture.writeSegment(lines: lines)
        var transcript = try legacyTranscript(fixture)
        let update = transcript.refresh()
        #expect(update.diagnostics.map(\.code) == ["local_transcript_truncated"])
        let window = LegacyTranscript.window
        #expect(transcript.entries.count == window / 100)
        #expect(transcript.entries.last?.content.hasPrefix("049999") == true)
        #expect(transcript.entries.first?.sequence == 1)
        try fixture.appendSegment(Self.line("after") + "\n")
        #expect(transcript.refresh().appended == (window / 100 + 1)...(window / 100 + 1))
    }

    @Test func pagesFollowEmbeddedSemantics() throws {
        let fixture = try LegacyFixture()
        defer { fixture.remove() }
        try fixture.writeRecord("api", fixture.record(name: "api"))
        try fixture.writeSegment(lines: (1...5).map { Self.line("m\($0)") })
        var transcript = try legacyTranscript(fixture)
        _ = transcript.refresh()
        let first = try transcript.page(start: 0, limit: 2)
        #expect(first.items.map(\.sequence) == [1, 2])
        #expect(first.totalItems == 5 && first.nextStart == 2 && first.start == 0 && first.limit == 2)
        let last = try transcript.page(start: 4, limit: 2)
        #expect(last.items.map(\.sequence) == [5])
        #expect(last.nextStart == nil)
        let past = try transcript.page(start: 9, limit: 2)
        #expect(past.items.isEmpty && past.nextStart == nil && past.totalItems == 5)
        let tail = try transcript.tail(limit: 3)
        #expect(tail.items.map(\.sequence) == [3, 4, 5] && tail.start == 2 && tail.nextStart == nil)
        #expect(throws: RuntimeError.invalidRequest("limit must be at least 1")) { try transcript.page(start: 0, limit: 0) }
        #expect(throws: RuntimeError.invalidRequest("start must be 0 or more")) { try transcript.page(start: -1, limit: 1) }
        #expect(throws: RuntimeError.limitTooLarge(requested: 257, max: 256)) { try transcript.page(start: 0, limit: 257) }
    }
}

/// Reads the one worker's transcript from a fixture.
func legacyTranscript(_ fixture: LegacyFixture, name: String = "api") throws -> LegacyTranscript {
    let snapshot = fixture.catalog().scan()
    let worker = try #require(snapshot.worker(LegacyWorkerIdentity.workerId(forName: name)))
    return LegacyTranscript(worker: worker, paths: fixture.paths)
}
