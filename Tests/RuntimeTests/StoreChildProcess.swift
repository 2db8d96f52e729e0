import Foundation
import Testing

/// The `StoreCrashChild` helper, run as a separate process with piped
/// stdin/stdout. Lines are read blocking; the child kills itself after 120 s
/// (`alarm`), so a hung child never hangs the suite for long.
final class StoreChildProcess {
    let process = Process()
    private let output = Pipe()
    private let input = Pipe()
    private var buffer = Data()
    private var atEnd = false

    /// The helper's location: next to the test product in the build directory.
    static var executable: URL? {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            // .../Tests/RuntimeTests/StoreChildProcess.swift → <package>/.build/debug
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug"),
        ]
        for directory in candidates.compactMap({ $0 }) {
            for probe in [directory, directory.deletingLastPathComponent()] {
                let url = probe.appendingPathComponent("StoreCrashChild")
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    init(_ arguments: [String]) throws {
        let executable = try #require(Self.executable, "StoreCrashChild not built; run swift build --build-tests")
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.standardError
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// The next complete line, or nil at end of output.
    func readLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                return line
            }
            if atEnd { return nil }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func killHard() {
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// Complete lines still buffered or written before the process died.
    func remainingLines() -> [String] {
        var lines: [String] = []
        while let line = readLine() { lines.append(line) }
        return lines
    }

    deinit {
        if process.isRunning { kill(pid, SIGKILL) }
    }
}
