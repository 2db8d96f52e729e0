import Foundation
import Testing

/// The `StoreCrashChild` helper, run as a separate process with piped
/// stdin/stdout. Its output is read on a thread of its own and handed over
/// line by line, so a test waiting for a line never blocks a thread of
/// Swift's cooperative pool (which would starve every other test). The child
/// kills itself after 120 s (`alarm`), so a hung child never hangs the suite
/// for long.
final class StoreChildProcess {
    let process = Process()
    private let output = Pipe()
    private let input = Pipe()
    private var lines: AsyncStream<String>.AsyncIterator

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
        let (stream, continuation) = AsyncStream<String>.makeStream()
        lines = stream.makeAsyncIterator()
        try process.run()
        let handle = output.fileHandleForReading
        Thread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    continuation.yield(String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self))
                    buffer.removeSubrange(buffer.startIndex...newline)
                }
            }
            continuation.finish()
        }.start()
    }

    var pid: Int32 { process.processIdentifier }

    /// The next complete line, or nil at end of output.
    func readLine() async -> String? {
        await lines.next()
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    func killHard() {
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    /// Complete lines still buffered or written before the process died.
    func remainingLines() async -> [String] {
        var rest: [String] = []
        while let line = await readLine() { rest.append(line) }
        return rest
    }

    deinit {
        if process.isRunning { kill(pid, SIGKILL) }
    }
}
