import Console
import Foundation
import Registry

/// A console state for the render benchmarks (B1, B2): one runtime, a dozen
/// workers, and the first worker open with a transcript long enough to fill
/// a 200×60 transcript pane several times over, in mixed prose, Markdown,
/// code, CJK and emoji (the shapes the snapshot tests use, at bench size).
enum ConsoleWorld {
    static let runtimeId = "backend-internal"
    static let openKey = WorkerKey(runtimeId: runtimeId, workerId: "worker-00000001")
    static let t0 = Date(timeIntervalSince1970: 1_699_920_000 + 43_260)
    static let size = Size(width: 200, height: 60)

    /// The theme the console uses by default (`themes/default.toml`), or the
    /// built-in fallback when the shipped directory cannot be read.
    static func theme() -> Theme {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes")
        let loader = ThemeLoader(directories: [ThemeLoader.Directory(label: "shipped", url: shipped)])
        return loader.load("default")?.0 ?? .fallback
    }

    /// The open worker streaming a reply (`streamingText` so far), the
    /// transcript focused and following, `entries` committed entries loaded.
    static func state(entries: Int = 60, streamingText: String = "Streaming the answer: the pool ") -> AppState {
        var s = AppState(workspaceName: "bench")
        s.viewport = size
        s.runtimes = [RuntimeRow(id: runtimeId, displayName: "Embedded runtime",
                                 implementationKind: .embeddedWorkerRuntime, status: .running,
                                 canCreateWorker: true, workerCount: 12, busyCount: 1)]
        s.workers = (1...12).map { i in
            WorkerRow(key: WorkerKey(runtimeId: runtimeId, workerId: String(format: "worker-%08x", i)),
                      label: i == 1 ? "coder" : (i % 3 == 0 ? nil : "helper-\(i)"),
                      status: i == 1 ? .busy : .idle, profile: "default", model: "openai/gpt-4o-mini",
                      transcriptLength: i == 1 ? entries : i * 7, inputTokens: 1_200 * i, outputTokens: 480 * i)
        }
        s.openWorker = openKey
        s.focus = .transcript
        let items = (1...entries).map { seq in
            TranscriptRow(sequence: seq, role: seq % 2 == 1 ? .user : .assistant,
                          content: content(seq), createdAt: t0.addingTimeInterval(Double(seq * 17)))
        }
        s.transcripts[openKey] = TranscriptState(total: entries, items: items,
                                                 streamingTurn: "turn-bench", streamingText: streamingText)
        return s
    }

    static func content(_ seq: Int) -> String {
        if seq % 2 == 1 {
            return [
                "Why does the connection pool leak under load? 日本語で説明してください 🙂",
                "Can you show the fix as a diff, and explain `release()` in two sentences?",
                "次のステップは何ですか？ Also: what about the retry budget when the server returns 503?",
                "Summarise the test failures in a table, please.",
            ][(seq / 2) % 4]
        }
        return [
            """
            # Cause
            `release` returns early when the **lease** is *stale*, so the slot is never handed back:
            - the lease timer fires after the request finished 👨‍👩‍👧
            - `release()` sees `lease.isStale == true` and returns
            - the slot count drops by one each time; after 64 timeouts the pool is empty
            """,
            """
            Here is the change:
            ```
            func release(_ lease: Lease) {
                defer { slots.signal() }
                guard !lease.isStale else { return }
                connections.append(lease.connection)
            }
            ```
            The `defer` hands the slot back on every path. 接続プールは常にスロットを返却します。
            """,
            """
            ## Retry budget
            1. A 503 with `Retry-After` waits that long, capped at **30 s**.
            2. Without the header, back off exponentially: 0.5 s, 1 s, 2 s, 4 s.
            3. After the budget (10 % of requests per minute) is spent, fail fast.
            中文说明：重试预算用完后立即失败，不再等待。 Long lines wrap at the pane's width so that this paragraph takes more than one row on a 200-column terminal, which is what a real reply looks like.
            """,
            """
            | test | result |
            |---|---|
            | PoolTests.testRelease | passed |
            | PoolTests.testStaleLease | **failed**: expected 64 slots, found 63 |
            > Note: the failure reproduces only with `--parallel`.
            """,
        ][(seq / 2) % 4]
    }
}
