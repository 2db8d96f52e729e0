import Foundation
import Runtime
import Testing
@testable import Tools

/// A temporary folder for one test, removed when the value goes away.
final class Scratch: Sendable {
    let root: String
    private let owned: Bool
    var url: URL { URL(fileURLWithPath: root, isDirectory: true) }

    init() {
        let path = FileManager.default.temporaryDirectory.path + "/tools-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        root = Workdir.realPath(path)!
        owned = true
    }

    init(borrowing path: String) {
        root = path
        owned = false
    }

    deinit { if owned { try? FileManager.default.removeItem(atPath: root) } }

    func path(_ relative: String) -> String { root + "/" + relative }

    func write(_ relative: String, _ text: String) { write(relative, Array(text.utf8)) }

    func write(_ relative: String, _ bytes: [UInt8]) {
        let full = path(relative)
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: full, contents: Data(bytes))
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path(relative)).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }
}

/// A tool box with a small, known environment.
func makeBox(extra: [String: String] = [:], credentials: Set<String> = [], home: String? = nil) -> ToolBox {
    var environment = ["PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "USER": "tester", "HOME": home ?? "/nonexistent"]
    environment.merge(extra) { _, new in new }
    return ToolBox(environment: environment, credentialVariables: credentials)
}

func call(_ tool: String, _ arguments: [String: Any]) -> ToolCallRequest {
    let data = try! JSONSerialization.data(withJSONObject: arguments, options: [.sortedKeys])
    return ToolCallRequest(callId: "call_1", tool: tool, arguments: String(decoding: data, as: UTF8.self))
}

extension ToolBox {
    func run(_ tool: String, _ arguments: [String: Any], in scratch: Scratch, passthrough: [String] = [], sandbox: BashSandbox = .none) async -> ToolResult {
        await run(call(tool, arguments), in: ToolWorkspace(directory: scratch.url, envPassthrough: passthrough, sandbox: sandbox))
    }
}

/// Waits for a condition (polling), up to a generous deadline: the machine is loaded.
func waitUntil(seconds: Double = 60, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

/// Whether a process is running (a zombie is not: it has ended).
func isRunning(_ pid: Int32) -> Bool {
    guard let state = ProcessGroupScan.processState(pid: String(pid)) else { return false }
    return state.state != "Z" && state.state != "X"
}
