import Foundation

/// Writes a small legacy yoi data dir: one worker in the test workspace
/// (with socket paths in its children) and one in another workspace.
enum LegacyFixture {
    static func write(into dir: URL, workspace: URL) throws {
        let fm = FileManager.default
        let api = dir.appendingPathComponent("pods/api")
        let other = dir.appendingPathComponent("sessions/pods/elsewhere")
        let session = dir.appendingPathComponent("sessions/sess-1")
        for folder in [api, other, session] { try fm.createDirectory(at: folder, withIntermediateDirectories: true) }
        let metadata: [String: Any] = [
            "worker_name": "api",
            "active": ["session_id": "sess-1", "segment_id": "seg-1"],
            "workspace_root": workspace.path,
            "spawned_children": [[
                "worker_name": "child", "socket_path": dir.appendingPathComponent("run/child.sock").path,
                "scope_delegated": [], "callback_address": "unix:" + dir.appendingPathComponent("run/cb.sock").path,
            ]],
            "resolved_manifest_snapshot": ["role": "reviewer", "model": ["ref": "openai/gpt-4o-mini"]],
        ]
        try JSONSerialization.data(withJSONObject: metadata).write(to: api.appendingPathComponent("metadata.json"))
        let elsewhere: [String: Any] = ["pod_name": "elsewhere", "workspace_root": "/somewhere/else"]
        try JSONSerialization.data(withJSONObject: elsewhere).write(to: other.appendingPathComponent("metadata.json"))
        let lines = [
            #"{"kind":"user_input","ts":1700000000000,"segments":[{"kind":"text","content":"review \u001b]0;pwned\u0007 this"}]}"#,
            #"{"kind":"assistant_item","ts":1700000001000,"item":{"kind":"message","role":"assistant","content":[{"kind":"text","text":"looks fine"}]}}"#,
            #"{"kind":"turn_end","ts":1700000002000}"#,
        ]
        var segment = Data((lines.joined(separator: "\n") + "\n").utf8)
        // A reply with bytes that are not UTF-8 (R3): shown as U+FFFD, never raw.
        segment += Data(#"{"kind":"assistant_item","ts":1700000003000,"item":{"kind":"message","role":"assistant","content":[{"kind":"text","text":"raw "#.utf8)
        segment += Data([0xFF, 0xFE, 0xC3])
        segment += Data(#" bytes end"}]}}"#.utf8) + Data("\n".utf8)
        try segment.write(to: session.appendingPathComponent("seg-1.jsonl"), options: .atomic)
    }

    /// Appends an assistant reply to the `api` worker's segment, as a legacy
    /// worker still running would.
    static func appendReply(_ text: String, into dir: URL) throws {
        let file = dir.appendingPathComponent("sessions/sess-1/seg-1.jsonl")
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.seekToEnd()
        let line = #"{"kind":"assistant_item","ts":1700000009000,"item":{"kind":"message","role":"assistant","content":[{"kind":"text","text":"\#(text)"}]}}"#
        try handle.write(contentsOf: Data((line + "\n").utf8))
    }

    /// Adds a second legacy worker in the test workspace (no transcript).
    static func addWorker(_ name: String, into dir: URL, workspace: URL) throws {
        let folder = dir.appendingPathComponent("pods/\(name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let metadata: [String: Any] = ["worker_name": name, "workspace_root": workspace.path]
        try JSONSerialization.data(withJSONObject: metadata).write(to: folder.appendingPathComponent("metadata.json"))
    }
}
