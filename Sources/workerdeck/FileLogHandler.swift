import Foundation
import Logging
import Providers
import Registry
import Synchronization

/// A swift-log handler that appends one line per message to a file. The
/// console owns the terminal, so logs never go to stdout or stderr. Every
/// line is scrubbed here, whoever logged it: no secret and no private path
/// reaches the file (`Scrubber`, then `Redactor`).
struct FileLogHandler: LogHandler {
    private final class Sink: Sendable {
        let handle: Mutex<FileHandle?>
        init(_ handle: FileHandle?) { self.handle = Mutex(handle) }
    }

    private let sink: Sink
    private let label: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    /// Opens (creating, mode 0600) the log file; a file that cannot be opened
    /// makes logging a no-op rather than an error.
    static func factory(file: URL) -> @Sendable (String) -> any LogHandler {
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: file.path) {
            FileManager.default.createFile(atPath: file.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let handle = try? FileHandle(forWritingTo: file)
        _ = try? handle?.seekToEnd()
        let sink = Sink(handle)
        return { label in FileLogHandler(sink: sink, label: label) }
    }

    private init(sink: Sink, label: String) {
        self.sink = sink
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let stamp = ISO8601DateFormatter().string(from: Date())
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let extra = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let line = "\(stamp) \(event.level) \(label): " + Self.clean("\(event.message)\(extra)") + "\n"
        sink.handle.withLock { $0?.write(Data(line.utf8)) }
    }

    /// One line, secrets and private paths removed.
    static func clean(_ text: String) -> String {
        Redactor.redact(Scrubber.scrub(text))
    }
}
