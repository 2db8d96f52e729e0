import Foundation

/// Where an export goes: standard output, or `--output FILE`. A file is
/// written beside its destination under a temporary name and moved into
/// place only when the export is complete, so a failed export never leaves
/// a truncated file that looks whole (and never clobbers the old one).
final class ExportSink {
    private let handle: FileHandle
    private let destination: (temporary: String, final: String)?

    private init(handle: FileHandle, destination: (temporary: String, final: String)?) {
        self.handle = handle
        self.destination = destination
    }

    static func standardOutput() -> ExportSink {
        ExportSink(handle: .standardOutput, destination: nil)
    }

    /// Messages name the option, never the path (layout.md: no absolute
    /// paths in messages).
    static func file(_ path: String) throws(CLIError) -> ExportSink {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).workerdeck-partial-\(getpid())").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CLIError.invalid("cannot write the --output file: check that its directory exists and is writable")
        }
        return ExportSink(handle: handle, destination: (temporary, url.path))
    }

    func write(_ text: String) throws(CLIError) {
        do { try handle.write(contentsOf: Data(text.utf8)) } catch {
            throw CLIError(code: "export_failed", message: "writing the export failed (disk full or output closed?)", exitCode: 1)
        }
    }

    /// Moves the finished file into place.
    func finish() throws(CLIError) {
        guard let destination else { return }
        try? handle.close()
        guard rename(destination.temporary, destination.final) == 0 else {
            discard()
            throw CLIError.invalid("cannot replace the --output file: check that it is writable")
        }
    }

    /// Drops an unfinished file (an export that failed part way).
    func discard() {
        guard let destination else { return }
        try? handle.close()
        try? FileManager.default.removeItem(atPath: destination.temporary)
    }
}
