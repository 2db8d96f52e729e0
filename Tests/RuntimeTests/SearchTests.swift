import Foundation
import Testing
@testable import Runtime
import TestSupport

/// Search across workers (issue 16): untrusted text becomes quoted words,
/// both stores answer newest first, and the FTS5 index follows every write
/// and delete of the transcript, including rows that predate it (v5).
@Suite struct SearchQueryTests {
    @Test func textBecomesLowercasedWordsWithoutSyntax() throws {
        let query = try SearchQuery(#"  Deploy "prod" NEAR(a b) col:x ^start* OR -not  Deploy  "#)
        #expect(query.terms == ["deploy", "prod", "near", "a", "b", "col", "x", "start", "or", "not"].prefix(SearchQuery.maxTerms).map { $0 })
        #expect(try SearchQuery("Ünïcode café").terms == ["ünïcode", "café"])
        #expect(try SearchQuery("foo_bar-baz").terms == ["foo", "bar", "baz"])
        #expect(try SearchQuery(String(repeating: "x", count: 500)).terms == [String(repeating: "x", count: SearchQuery.maxTermLength)])
    }

    @Test func theFTSExpressionIsQuotedWordsJoinedByAnd() throws {
        #expect(try SearchQuery("deploy prod").ftsExpression == #""deploy" AND "prod""#)
    }

    @Test func textWithoutAWordIsATypedRefusal() {
        for text in ["", "   ", "\"\"", "*", "()", "^:-", "\u{1B}[", "\n\t"] {
            #expect(throws: RuntimeError.invalidRequest("search needs a word with a letter or digit"), "\(text.debugDescription)") {
                try SearchQuery(text)
            }
        }
    }

    @Test func substringMatchAndSnippet() throws {
        let query = try SearchQuery("TIMEOUT retry")
        #expect(query.matches("the retry after a Timeout"))
        #expect(!query.matches("the retry only"))
        let long = String(repeating: "a ", count: 100) + "timeout here\nnext line" + String(repeating: " b", count: 100)
        let snippet = query.snippet(of: long)
        #expect(snippet.contains("timeout here next line") && snippet.hasPrefix("…") && snippet.hasSuffix("…"))
        #expect(!snippet.contains("\n"))
    }
}

/// The same contract on both stores.
@Suite("Search on the stores", .serialized)
struct StoreSearchTests {
    typealias F = StoreFixture

    /// Two workers, entries interleaved in commit order.
    static func seed(_ store: any RuntimeStore) throws {
        func entry(_ sequence: Int, _ event: Int64, _ text: String) -> TranscriptEntry {
            TranscriptEntry(sequence: sequence, role: sequence % 2 == 1 ? .user : .assistant, kind: .message, content: text,
                            eventId: event, createdAt: F.t0.addingTimeInterval(Double(event)))
        }
        try store.commit(StoreTransaction([.state(F.state(nextWorker: 3, nextEvent: 3)), .worker(F.worker(1)), .worker(F.worker(2)),
                                           .event(F.event(1, worker: 1)), .event(F.event(2, worker: 2))]))
        let writes: [(UInt32, Int, Int64, String)] = [
            (1, 1, 3, "deploy the build to staging"),
            (2, 1, 4, "why did the Deploy time out?"),
            (1, 2, 5, "deployment finished: build 42 is live"),
            (2, 2, 6, "a timeout in the retry loop"),
            (1, 3, 7, "unrelated chatter about café and ünïcode"),
        ]
        for (worker, sequence, event, text) in writes {
            try store.commit(StoreTransaction([.event(F.event(event, worker: worker)),
                                               .transcript(WorkerId(sequence: worker), entry(sequence, event, text))]))
        }
    }

    static func found(_ store: some SearchableStore, _ text: String, limit: Int = 10) throws -> [String] {
        try store.search(SearchQuery(text), limit: limit).map { "\($0.ref.workerId.rawValue)#\($0.sequence)" }
    }

    @Test(arguments: ["memory", "file"])
    func matchesEveryWordNewestFirst(kind: String) throws {
        let dir = StoreTempDir()
        let file = kind == "file" ? try FileStore.open(root: dir.root, mode: .owner) : nil
        defer { file?.close() }
        let store: any SearchableStore = file ?? MemoryStore()
        try Self.seed(store)
        let w1 = WorkerId(sequence: 1).rawValue, w2 = WorkerId(sequence: 2).rawValue
        // The index matches whole words ("deployment" is not "deploy"); the
        // scan, substrings.
        let scan = kind == "memory"
        #expect(try Self.found(store, "deploy") == (scan ? ["\(w1)#2"] : []) + ["\(w2)#1", "\(w1)#1"])
        #expect(try Self.found(store, "DEPLOY build") == (scan ? ["\(w1)#2"] : []) + ["\(w1)#1"])
        #expect(try Self.found(store, "deployment build") == ["\(w1)#2"])
        #expect(try Self.found(store, "deploy", limit: 1) == [scan ? "\(w1)#2" : "\(w2)#1"])
        #expect(try Self.found(store, "timeout retry") == ["\(w2)#2"])
        #expect(try Self.found(store, "cafe").isEmpty == (kind == "memory"), "FTS5 folds accents; the scan does not")
        #expect(try Self.found(store, "ünïcode") == ["\(w1)#3"])
        #expect(try Self.found(store, "nothing-like-this").isEmpty)
        let match = try #require(try store.search(SearchQuery("retry"), limit: 1).first)
        #expect(match.role == .assistant && match.kind == .message && match.snippet.contains("retry"))
        #expect(match.ref == F.ref(2) && match.createdAt == F.t0.addingTimeInterval(6))
    }

    /// Whatever the operator types, FTS5 never sees syntax: no crash and no
    /// store failure.
    @Test func hostileTextNeverReachesFTS5AsSyntax() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        try Self.seed(store)
        for text in [#"deploy""#, "deploy*", "NEAR(deploy build)", "deploy AND", "OR build", "NOT x", "content:deploy",
                     "^deploy", "(deploy", "deploy)", "'; DROP TABLE transcript; --", "{content}: deploy", "\u{0}deploy"] {
            _ = try store.search(SearchQuery(text), limit: 5)
        }
        #expect(try Self.found(store, "content:deploy").isEmpty, "a column filter is read as two words")
        #expect(try Self.found(store, "'; DROP TABLE transcript; --").isEmpty)
        #expect(try store.transcript(worker: WorkerId(sequence: 1), start: 0, limit: 10).count == 3)
    }

    /// Deleting transcript rows (a worker's delete) takes them out of the
    /// index in the same transaction: the delete trigger.
    @Test func deletedEntriesLeaveTheIndex() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        try Self.seed(store)
        try store.executeForTesting("DELETE FROM transcript WHERE worker_id = '\(WorkerId(sequence: 1).rawValue)'")
        #expect(try Self.found(store, "deploy") == ["\(WorkerId(sequence: 2).rawValue)#1"])
        #expect(try Self.found(store, "deployment").isEmpty)
        #expect(try Self.found(store, "build").isEmpty)
        // The index agrees with its content table: FTS5's own check.
        try store.executeForTesting("INSERT INTO transcript_fts(transcript_fts) VALUES ('integrity-check')")
    }

    /// The index is in the entry's transaction: a rolled-back commit leaves
    /// neither the entry nor its tokens.
    @Test func aRefusedCommitLeavesNothingInTheIndex() throws {
        let dir = StoreTempDir()
        let store = try FileStore.open(root: dir.root, mode: .owner)
        defer { store.close() }
        try Self.seed(store)
        let entry = TranscriptEntry(sequence: 4, role: .user, kind: .message, content: "zebra crossing", eventId: 8, createdAt: F.t0)
        let gap = TranscriptEntry(sequence: 9, role: .user, kind: .message, content: "x", eventId: 8, createdAt: F.t0)
        #expect(throws: RuntimeError.self) {
            try store.commit(StoreTransaction([.transcript(WorkerId(sequence: 1), entry), .transcript(WorkerId(sequence: 1), gap)]))
        }
        #expect(try Self.found(store, "zebra").isEmpty)
        try store.executeForTesting("INSERT INTO transcript_fts(transcript_fts) VALUES ('integrity-check')")
    }

    /// A store written before v5 is indexed by the migration, rows and all.
    @Test func theMigrationIndexesExistingEntries() throws {
        let dir = StoreTempDir()
        do {
            let store = try FileStore.open(root: dir.root, mode: .owner)
            try Self.seed(store)
            try F.downgradeToV3(store)
            store.close()
        }
        #expect(FileStore.inspect(root: dir.root).schemaVersion == "v3")
        let upgraded = try FileStore.open(root: dir.root, mode: .owner)
        defer { upgraded.close() }
        #expect(FileStore.inspect(root: dir.root).schemaVersion == FileStoreSchema.currentVersion)
        #expect(try Self.found(upgraded, "deploy").count == 2)
        #expect(try Self.found(upgraded, "deployment").count == 1)
        try upgraded.executeForTesting("INSERT INTO transcript_fts(transcript_fts) VALUES ('integrity-check')")
    }
}

/// Through the runtime: limits, refusals, and an observer (read-only) may search.
@Suite("Runtime search", .serialized)
struct RuntimeSearchTests {
    @Test func searchFindsEntriesOfEveryWorkerAndChecksItsArguments() async throws {
        let backend = TestBackend()
        let runtime = try makeRuntime(backend: backend)
        let a = try await runtime.createWorker(profile: "default", label: "a", initialInput: "please deploy staging").ref
        let b = try await runtime.createWorker(profile: "default", label: "b", initialInput: "deploy production now").ref
        let matches = try await runtime.search("deploy", limit: 10)
        #expect(matches.map(\.ref) == [b, a])
        #expect(matches.allSatisfy { $0.sequence == 1 && $0.role == .user })
        #expect(await runtimeError { _ = try await runtime.search("  ** ", limit: 10) }
            == .invalidRequest("search needs a word with a letter or digit"))
        #expect(await runtimeError { _ = try await runtime.search("deploy", limit: 0) } == .invalidRequest("limit must be at least 1"))
        #expect(await runtimeError { _ = try await runtime.search("deploy", limit: 201) } == .limitTooLarge(requested: 201, max: 200))
    }

    @Test func anObserverSearchesTheOwnersStore() async throws {
        let dir = StoreTempDir()
        let owner = try FileStore.open(root: dir.root, mode: .owner)
        defer { owner.close() }
        let ref = try await makeRuntime(store: owner).createWorker(profile: "default", label: "mine", initialInput: "needle in haystack").ref
        let observerStore = try FileStore.open(root: dir.root)
        defer { observerStore.close() }
        let observer = try WorkerRuntime(workspaceId: "observe", store: observerStore, backend: nil)
        #expect(try await observer.search("needle", limit: 5).map(\.ref) == [ref])
    }
}

extension StoreFixture {
    /// Back to v4 as shipped: the v5 index, its triggers and migration row removed.
    static func downgradeToV4(_ store: FileStore) throws {
        for trigger in ["transcript_fts_insert", "transcript_fts_delete", "transcript_fts_update"] {
            try store.executeForTesting("DROP TRIGGER \(trigger)")
        }
        try store.executeForTesting("DROP TABLE transcript_fts")
        try store.executeForTesting("DELETE FROM grdb_migrations WHERE identifier = 'v5'")
    }
}
