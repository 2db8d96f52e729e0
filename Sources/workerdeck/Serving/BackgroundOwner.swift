import Foundation
import Logging
import Registry
import Remote
import Runtime

/// A mutation whose effect outlives the CLI call (`send` without `--wait`)
/// needs an owner that stays: with none running, the call starts
/// `workerdeck serve --idle-exit N` in the background, as tmux starts its
/// server, and attaches to it. The owner exits on its own once no turn has
/// run for N seconds.
enum BackgroundOwner {
    static let idleExitSeconds = 60

    /// Starts the owner and waits (bounded) until it answers on its socket.
    static func start(_ options: GlobalOptions, storeRoot: URL, logger: Logger) async throws(CLIError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var arguments = ["serve", "--idle-exit", String(idleExitSeconds)]
        if let config = options.config { arguments += ["--config", config] }
        if let workspace = options.workspace { arguments += ["--workspace", workspace] }
        if let store = options.store { arguments += ["--store", store] }
        process.arguments = arguments
        // Its own stdio: a caller reading this call's output to the end
        // must not wait for the owner too.
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw CLIError(code: "owner_start_failed", message: "could not start a background owner (workerdeck serve)", exitCode: 6)
        }
        logger.notice("started a background owner", metadata: ["idle_exit_s": .stringConvertible(idleExitSeconds)])
        // The owner takes the lock, restores and binds its socket: wait for
        // it to answer, at most 10 s.
        let socket = storeRoot.appendingPathComponent(FileStore.apiSocketFileName).path
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if !process.isRunning { break }
            if FileStore.isOwned(root: storeRoot), FileManager.default.fileExists(atPath: socket) { return }
            try? await Task.sleep(for: .milliseconds(25))
        }
        throw CLIError(code: "owner_start_failed",
                       message: "the background owner did not start; see the log, or run workerdeck serve yourself", exitCode: 6)
    }
}
