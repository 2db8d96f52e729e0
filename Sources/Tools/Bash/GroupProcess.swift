import Foundation
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif
#if canImport(Glibc)
import Glibc
#endif

/// One command run in a session (and so a process group) of its own, stdin
/// `/dev/null`, stdout and stderr merged into a `HeadTailBuffer`.
///
/// swift-subprocess does the spawning (`createSession`) and, when the calling
/// task is cancelled, its `teardownSequence` sends SIGTERM to the group and
/// SIGKILL 2 s later. A timeout cancels the run the same way. Its teardown
/// follows the group's leader (the shell) only, so once the run is over
/// whatever the leader left in the group (a backgrounded `sleep`, a child
/// that ignored SIGTERM) gets the same SIGTERM-then-SIGKILL here: no process
/// outlives the call.
struct GroupProcess: Sendable {
    var executable: String
    var arguments: [String]
    var environment: [String: String]
    var workingDirectory: String
    var timeout: Duration
    static let grace: Duration = .seconds(2)

    enum Ending: Hashable, Sendable {
        case exited(Int32)
        case signaled(Int32)
        case timedOut
        case interrupted
    }

    struct Outcome: Sendable {
        var ending: Ending
        var output: HeadTailBuffer
    }

    enum Failure: Error { case launch(String) }

    func run() async throws(Failure) -> Outcome {
        var options = PlatformOptions()
        options.createSession = true
        options.teardownSequence = [.gracefulShutDown(toProcessGroup: true, allowedDurationToNextStep: Self.grace)]
        let configuration = Configuration(
            executable: .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: GroupProcess.environment(environment),
            workingDirectory: FilePath(workingDirectory),
            platformOptions: options
        )
        // The group's id is the shell's pid (it leads a new session); kept
        // here so the group can be ended whatever way the run finishes.
        let state = RunState()
        typealias Finished = Result<(TerminationStatus, HeadTailBuffer), any Error>

        let result: Finished = await withTaskGroup(of: Finished?.self) { group in
            group.addTask {
                do {
                    let result = try await Subprocess.run(configuration, input: .none, output: .sequence, error: .combinedWithOutput) { execution in
                        state.groupId.withLock { $0 = execution.processIdentifier.value }
                        var buffer = HeadTailBuffer()
                        do {
                            for try await chunk in execution.standardOutput {
                                chunk.withUnsafeBytes { buffer.append($0) }
                            }
                        } catch {
                            // The stream ends early when the run is torn down; keep what came.
                        }
                        return buffer
                    }
                    return .success((result.terminationStatus, result.closureResult))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                // nil: the timer, done or cancelled.
                if (try? await Task.sleep(for: timeout)) != nil { state.timedOut.store(true, ordering: .relaxed) }
                return nil
            }
            var outcome: Finished? = nil
            while let next = await group.next() {
                if let next { outcome = next; group.cancelAll() }
                else if state.timedOut.load(ordering: .relaxed) { group.cancelAll() }
            }
            return outcome!
        }
        // Not in the cancelled task: the grace period must really pass.
        let groupId = state.groupId.withLock { $0 }
        let timedOut = state.timedOut.load(ordering: .relaxed)
        if let pgid = groupId {
            await Task { await Self.endGroup(pgid) }.value
        }

        switch result {
        case let .failure(error):
            if timedOut { return Outcome(ending: .timedOut, output: HeadTailBuffer()) }
            if Task.isCancelled { return Outcome(ending: .interrupted, output: HeadTailBuffer()) }
            throw .launch(String(describing: error))
        case let .success((status, output)):
            if timedOut { return Outcome(ending: .timedOut, output: output) }
            if Task.isCancelled { return Outcome(ending: .interrupted, output: output) }
            switch status {
            case let .exited(code): return Outcome(ending: .exited(code), output: output)
            case let .signaled(signal): return Outcome(ending: .signaled(signal), output: output)
            }
        }
    }

    /// Exactly these variables. (Not `.custom([[UInt8]])`: that form wants
    /// NUL-terminated rows, which its documentation does not say.)
    static func environment(_ variables: [String: String]) -> Environment {
        .custom(Dictionary(uniqueKeysWithValues: variables.map { (Environment.Key(stringLiteral: $0.key), $0.value) }))
    }

    /// SIGTERM to what is left of the group, SIGKILL after the grace period
    /// to whatever ignored it. The leader has been reaped by now, so the id
    /// names only processes it left (a group id is not reused while the
    /// group has members).
    static func endGroup(_ pgid: pid_t) async {
        guard ProcessGroupScan.hasLiveMembers(pgid) else { return }
        kill(-pgid, SIGTERM)
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
            if !ProcessGroupScan.hasLiveMembers(pgid) { return }
        }
        kill(-pgid, SIGKILL)
        // Wait (bounded) until the kernel has ended them, so a caller that
        // checks right after sees them gone.
        let killDeadline = ContinuousClock.now + .seconds(5)
        while ProcessGroupScan.hasLiveMembers(pgid), ContinuousClock.now < killDeadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// Shared by the run's tasks.
private final class RunState: Sendable {
    let groupId = Mutex<pid_t?>(nil)
    let timedOut = Atomic<Bool>(false)
}

/// Linux `/proc`: is any process of a group still running? A zombie does not
/// count: orphans are reaped by PID 1, which here may never do it.
enum ProcessGroupScan {
    static func hasLiveMembers(_ pgid: pid_t) -> Bool {
        guard kill(-pgid, 0) == 0 else { return false }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return true }
        for entry in entries where entry.first?.isNumber == true {
            guard let state = processState(pid: entry), state.pgid == pgid else { continue }
            if state.state != "Z" && state.state != "X" { return true }
        }
        return false
    }

    /// State letter and group of a process, from `/proc/PID/stat` (fields 3
    /// and 5; the command name in field 2 may contain spaces and parentheses,
    /// so parse after its last `)`).
    static func processState(pid: String) -> (state: Character, pgid: pid_t)? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 2, let state = fields[0].first, let group = pid_t(fields[2]) else { return nil }
        return (state, group)
    }
}
