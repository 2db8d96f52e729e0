import Foundation
import Testing

/// A `workerdeck serve` child for one `CLI` sandbox (its own data dir: a
/// stand-in for another host). Output goes to files in the sandbox.
final class ServeProcess: @unchecked Sendable {
    let cli: CLI
    let process = Process()
    let arguments: [String]

    init(_ cli: CLI, arguments: [String] = []) throws {
        self.cli = cli
        self.arguments = arguments
        process.executableURL = CLI.binary
        process.arguments = ["serve"] + arguments
        process.environment = cli.environment
        process.currentDirectoryURL = cli.workspace
        process.standardInput = FileHandle.nullDevice
        let log = cli.root.appendingPathComponent("serve-\(UUID().uuidString.prefix(4)).out")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// The workspace's store root of this sandbox (one workspace each).
    var storeRoot: URL? {
        let workspaces = cli.dataDir.appendingPathComponent("workspaces")
        guard let first = try? FileManager.default.contentsOfDirectory(atPath: workspaces.path).first else { return nil }
        return workspaces.appendingPathComponent("\(first)/embedded-runtime")
    }

    /// Waits until the owner answers a CLI call through its socket.
    func waitUntilServing() async throws {
        try await cli.waitFor("serve to answer", attempts: 500) {
            guard process.isRunning else {
                Issue.record("serve exited with \(process.terminationStatus)")
                throw CancellationError()
            }
            guard let root = storeRoot, FileManager.default.fileExists(atPath: root.appendingPathComponent("api.sock").path) else {
                return false
            }
            let doctor = try await cli.run("doctor", "--json")
            return doctor.stdout.contains(#""attached":true"#)
        }
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits (on a thread of its own) for the process to end; its status.
    func waitForExit() async -> Int32 {
        await withCheckedContinuation { continuation in
            Thread {
                self.process.waitUntilExit()
                continuation.resume(returning: self.process.terminationStatus)
            }.start()
        }
    }

    func stop() async {
        guard process.isRunning else { return }
        signal(SIGTERM)
        _ = await waitForExit()
    }
}

/// A TCP port nobody listens on now (bound to 0, read, released).
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer -> Bool in
            bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
        }
    }
    guard bound else { throw CocoaError(.fileWriteUnknown) }
    return Int(UInt16(bigEndian: address.sin_port))
}
