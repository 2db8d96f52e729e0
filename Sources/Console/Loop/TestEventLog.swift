import Foundation

/// `WORKERDECK_TEST_EVENTS=FILE`: the console appends one JSON object per
/// line — `ready`, `frame`, `toast` (each new flash-line message), `exit` — for end-to-end tests to wait on.
/// Not `Sendable`: written from the UI thread only.
public final class TestEventLog {
    private let handle: FileHandle?

    public init(path: String?) {
        guard let path, !path.isEmpty else { handle = nil; return }
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil)
        }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    public var isEnabled: Bool { handle != nil }

    public func emit(_ event: String, _ fields: [String: Any] = [:]) {
        guard let handle else { return }
        var object = fields
        object["event"] = event
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        try? handle.write(contentsOf: data + Data("\n".utf8))
    }

    deinit { try? handle?.close() }
}
