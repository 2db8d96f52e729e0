import Foundation
import Registry
import Testing

/// The worker list's one-worker-a-line JSON: any JSON reader gets the same
/// page, both ends reuse unchanged rows, and a changed worker is never
/// answered from the cache.
struct WorkersPageLinesTests {
    static func worker(_ n: Int, label: String? = nil, status: WorkerStatus = .idle) -> WorkerSummary {
        WorkerSummary(runtimeId: "backend-internal", workerId: "worker-\(n)", label: label ?? "w\(n)",
                      implementationKind: .embeddedWorkerRuntime, status: status, runState: .idle,
                      model: "scripted/echo", transcriptLen: n, lastActivityAt: Date(timeIntervalSince1970: 1_764_000_000),
                      capabilities: Capabilities(canListWorkers: true, canAcceptInput: true),
                      diagnostics: [Diagnostic(code: "note", severity: .warning, message: "line one\nline two\u{2028}three",
                                               implementationKind: .embeddedWorkerRuntime)])
    }

    static func page(_ workers: [WorkerSummary], truncated: Bool = false) -> WorkersPage {
        WorkersPage(runtimeId: "backend-internal", workers: workers, truncated: truncated)
    }

    @Test func anyJSONReaderReadsTheSamePage() throws {
        let workers = (1...5).map { Self.worker($0) } + [Self.worker(6, label: "new\nline \"quoted\" \u{1F600}")]
        for page in [Self.page(workers, truncated: true), Self.page([])] {
            let data = try WorkersPageLines.encode(page, rows: EncodedWorkerRows())
            #expect(try ProjectionJSON.decoder().decode(WorkersPage.self, from: data) == page)
            #expect(try JSONSerialization.jsonObject(with: data) is [String: Any])
            // One line for the head, one per worker, one for the tail.
            let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            #expect(lines.count == page.workers.count + 2)
        }
    }

    @Test func theLineDecoderReadsWhatTheEncoderWrote() throws {
        let page = Self.page((1...20).map { Self.worker($0) }, truncated: true)
        let decoded = DecodedWorkerRows()
        let data = try WorkersPageLines.encode(page, rows: EncodedWorkerRows())
        #expect(try WorkersPageLines.decode(data, rows: decoded) == page)
        #expect(decoded.count == 20)
        #expect(try WorkersPageLines.decode(data, rows: decoded) == page, "the second read, all from the cache")
        #expect(try WorkersPageLines.decode(try WorkersPageLines.encode(Self.page([]), rows: EncodedWorkerRows()), rows: decoded)
            == Self.page([]))
    }

    @Test func aChangedWorkerIsEncodedAndDecodedAgain() throws {
        let encoded = EncodedWorkerRows(), decoded = DecodedWorkerRows()
        var workers = (1...10).map { Self.worker($0) }
        let first = try WorkersPageLines.encode(Self.page(workers), rows: encoded)
        #expect(try WorkersPageLines.decode(first, rows: decoded).workers == workers)

        workers[3].status = .busy
        workers[3].runState = .busy
        workers[7].label = "renamed"
        let second = try WorkersPageLines.encode(Self.page(workers), rows: encoded)
        #expect(try ProjectionJSON.decoder().decode(WorkersPage.self, from: second).workers == workers)
        #expect(try WorkersPageLines.decode(second, rows: decoded).workers == workers)
        // The unchanged rows are the same bytes as before (what lets a client skip them).
        // (The head is written anew each time, its keys in any order.)
        let before = first.split(separator: UInt8(ascii: "\n")).dropFirst(), after = second.split(separator: UInt8(ascii: "\n")).dropFirst()
        #expect(zip(before, after).filter { $0 != $1 }.count == 2)
    }

    @Test func aPageInAnyOtherLayoutIsDecodedWhole() throws {
        let page = Self.page((1...3).map { Self.worker($0) })
        let decoded = DecodedWorkerRows()
        for data in [try ProjectionJSON.wireEncoder().encode(page), try ProjectionJSON.wireEncoder(pretty: true).encode(page)] {
            #expect(try WorkersPageLines.decode(data, rows: decoded) == page)
        }
        #expect(decoded.count == 0, "nothing cached from a page not in lines")
    }

    @Test func aBrokenLineFailsTheDecodeWithTheDecodersError() throws {
        let page = Self.page((1...3).map { Self.worker($0) })
        let decoded = DecodedWorkerRows()
        let data = try WorkersPageLines.encode(page, rows: EncodedWorkerRows())
        _ = try WorkersPageLines.decode(data, rows: decoded)
        var text = String(decoding: data, as: UTF8.self)
        // A known line cut short, an unknown line, a missing comma: each is refused, not guessed.
        let cuts = [text.replacingOccurrences(of: "\"w2\"", with: "\"w\n2\""),
                    text.replacingOccurrences(of: "\"w3\"", with: "\"w3"),
                    text.replacingOccurrences(of: "},\n", with: "}\n")]
        for broken in cuts {
            #expect(throws: DecodingError.self) { try WorkersPageLines.decode(Data(broken.utf8), rows: decoded) }
        }
        text = text.replacingOccurrences(of: "\"runtime_id\":\"backend-internal\"", with: "\"runtime_id\":7")
        #expect(throws: DecodingError.self) { try WorkersPageLines.decode(Data(text.utf8), rows: decoded) }
    }

    @Test func theClientsTransformIsAppliedOnceOnEitherPath() throws {
        let page = Self.page((1...4).map { Self.worker($0) })
        let rows = DecodedWorkerRows(transform: { var w = $0; w.runtimeId = "remote:" + w.runtimeId; return w })
        let expected = page.workers.map { var w = $0; w.runtimeId = "remote:backend-internal"; return w }
        let lines = try WorkersPageLines.encode(page, rows: EncodedWorkerRows())
        #expect(try WorkersPageLines.decode(lines, rows: rows).workers == expected)
        #expect(try WorkersPageLines.decode(lines, rows: rows).workers == expected, "from the cache")
        #expect(try WorkersPageLines.decode(try ProjectionJSON.wireEncoder().encode(page), rows: rows).workers == expected)
    }

    @Test func bothCachesStayBounded() throws {
        let encoded = EncodedWorkerRows(capacity: 8), decoded = DecodedWorkerRows(capacity: 8)
        for round in 0..<5 {
            let workers = (1...6).map { Self.worker($0, status: round.isMultiple(of: 2) ? .idle : .busy) }
                .map { var w = $0; w.transcriptLen = round; return w }
            let data = try WorkersPageLines.encode(Self.page(workers), rows: encoded)
            #expect(try WorkersPageLines.decode(data, rows: decoded).workers == workers)
            #expect(encoded.count <= 8)
            #expect(decoded.count <= 8)
        }
    }
}
