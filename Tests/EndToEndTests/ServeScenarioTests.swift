import Foundation
import Testing

/// serve.md end to end: one owner, any number of CLI calls and consoles,
/// other hosts (separate data dirs and ports standing in for them).
@Suite(.serialized) struct ServeScenarioTests {
    /// `workerdeck events --follow --json` in `cli`'s workspace, its output read as it comes.
    static func followEvents(_ cli: CLI) throws -> (Process, LineReader) {
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["events", "--follow", "--json"]
        process.environment = cli.environment
        process.currentDirectoryURL = cli.workspace
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, LineReader(out.fileHandleForReading))
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// A scripted provider slow enough that a turn is still running when
    /// the call that started it has returned.
    static let slowConfig = """
        [providers.slow]
        scheme = "scripted"
        delay_ms = 100

        [profiles.slow]
        model = "slow/echo"
        """

    /// The operator's "done when": turns finish in `serve` with no console
    /// and no waiting CLI call; reads and writes attach while it runs.
    @Test func turnsFinishInTheOwnerAfterTheCallReturns() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(Self.slowConfig)
        let serve = try ServeProcess(cli)
        try await serve.waitUntilServing()

        let created = try await cli.run("create", "--profile", "slow", "--name", "alpha", "--json")
        #expect(created.status == 0, "\(created.stderr)")
        // Created in the owner: live there, not stale.
        let shown = try json(try await cli.run("show", "backend-internal", "worker-00000001", "--json").stdout) as? [String: Any]
        #expect(shown?["status"] as? String == "idle")

        // A short turn finishes in the owner after `send` has returned.
        let sent = try await cli.run("send", "backend-internal", "worker-00000001", "one two three", "--json")
        #expect(sent.status == 0, "\(sent.stderr)")
        let accepted = (try json(sent.stdout) as? [String: Any])?["accepted"] as? [String: Any]
        #expect(accepted?["transcript_sequence"] as? Int == 1)
        #expect(!sent.stderr.contains("background owner"))
        var last = ""
        try await cli.waitFor("the turn to finish in the owner", attempts: 1500) {
            last = (try? await cli.run("transcript", "backend-internal", "worker-00000001", "--json").stdout) ?? ""
            let page = try? json(last) as? [String: Any]
            return page?["total_items"] as? Int ?? 0 >= 2
        }
        let page = try json(last) as? [String: Any]
        let items = page?["items"] as? [[String: Any]] ?? []
        #expect(items.count == 2, "\(last)")
        #expect(items.last?["content"] as? String == "[scripted] three two one", "\(last)")

        // A turn far longer than any CLI call takes, even on a loaded
        // machine: it is still running when `send` has returned, a second
        // input is refused as busy by the live owner, and a client's
        // interrupt ends it there.
        let words = (1...3000).map { "w\($0)" }.joined(separator: " ")
        let long = try await cli.run("send", "backend-internal", "worker-00000001", words)
        #expect(long.status == 0, "\(long.stderr)")
        let busy = try json(try await cli.run("show", "backend-internal", "worker-00000001", "--json").stdout) as? [String: Any]
        if busy?["status"] as? String != "busy" {
            // Say why: the transcript shows whether the turn failed or ended.
            let page = try await cli.run("transcript", "backend-internal", "worker-00000001", "--json")
            Issue.record("the long turn was not running after send returned: \(busy ?? [:]) \(page.stdout)")
        }
        let refused = try await cli.run("send", "backend-internal", "worker-00000001", "not now")
        #expect(refused.status == 4, "\(refused.stderr)")
        let interrupted = try await cli.run("interrupt", "backend-internal", "worker-00000001")
        #expect(interrupted.status == 0, "\(interrupted.stderr)")
        let idle = try json(try await cli.run("show", "backend-internal", "worker-00000001", "--json").stdout) as? [String: Any]
        #expect(idle?["status"] as? String == "idle")

        // SIGTERM ends the owner cleanly; the next call runs without it.
        await serve.stop()
        #expect(serve.process.terminationStatus == 0)
        let after = try json(try await cli.run("workers", "--json").stdout) as? [[String: Any]]
        #expect(after?.first?["status"] as? String == "stale")
    }

    /// `events --follow` streams from the owner (it used to print nothing
    /// while a console owned the store) and takes no lock.
    /// A call made while an owner holds the lock but does not serve yet
    /// (it is still restoring, e.g. a console started in the next pane)
    /// waits for it instead of failing with `owner_unreachable`.
    @Test func aCallMadeWhileTheOwnerStartsWaitsForIt() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(Self.slowConfig)
        // The store exists: a first call made it and quit.
        #expect(try await cli.run("create", "--profile", "slow", "--name", "first").status == 0)
        let workspaces = cli.dataDir.appendingPathComponent("workspaces")
        let space = try #require(try FileManager.default.contentsOfDirectory(atPath: workspaces.path).first)
        let lockFile = workspaces.appendingPathComponent("\(space)/embedded-runtime/owner.lock").path

        // Stands in for an owner that has the lock and is not serving yet.
        let fd = open(lockFile, O_RDWR | O_CREAT, 0o600)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        async let created = cli.run("create", "--profile", "slow", "--name", "late", "--json")
        let log = cli.dataDir.appendingPathComponent("logs/workerdeck.log")
        try await cli.waitFor("the call to retry", attempts: 500) {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("does not answer yet; retrying")
        }
        // The owner comes up: the lock passes to a real `serve`.
        flock(fd, LOCK_UN)
        close(fd)
        let serve = try ServeProcess(cli)
        let result = try await created
        #expect(result.status == 0, "\(result.stderr)")
        let listed = try await cli.run("workers", "--json")
        #expect(listed.stdout.contains("\"late\""), "\(listed.stdout)")
        await serve.stop()
    }

    @Test func eventsFollowStreamsFromTheOwner() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let serve = try ServeProcess(cli)
        try await serve.waitUntilServing()

        let (follower, lines) = try Self.followEvents(cli)
        defer { follower.terminate() }

        let created = try await cli.run("create", "--profile", "scripted", "--name", "followed", "--input", "one two")
        #expect(created.status == 0, "\(created.stderr)")
        let seen = await lines.until(timeout: .seconds(20)) { $0.contains("worker_turn_completed") }
        #expect(seen, "events --follow did not show the owner's turn")
        #expect(lines.text.contains("worker_created"))
        await serve.stop()
    }

    /// R11 (fewer rounds here; `make soak` runs 20): kill -9 of the owner
    /// while three clients are attached (two consoles and `events --follow`)
    /// and a turn streams. A console takes over unaided, the other clients
    /// re-attach to it, every acknowledged input is there once, and all of
    /// them see the next turn.
    @Test func aConsoleTakesOverWhenTheOwnerIsKilled() async throws {
        let rounds = ProcessInfo.processInfo.environment["WORKERDECK_SOAK"] == nil ? 2 : 20
        let cli = try CLI()
        defer { cli.cleanUp() }
        try cli.writeConfig(Self.slowConfig)
        var acknowledged: [String] = []
        var follower: Process?
        var followed: LineReader?
        defer { follower?.terminate() }

        for round in 1...rounds {
            let serve = try ServeProcess(cli)
            try await serve.waitUntilServing()
            if round == 1 {
                let made = try await cli.run("create", "--profile", "slow", "--name", "target")
                #expect(made.status == 0, "\(made.stderr)")
                // The third client: it stays across every takeover.
                (follower, followed) = try Self.followEvents(cli)
            }
            let consoles = [try ConsoleDriver(cli, eventsName: "a-\(round)"), try ConsoleDriver(cli, eventsName: "b-\(round)")]
            defer { consoles.forEach { $0.close() } }
            for console in consoles {
                try await console.events.waitFor("ready")
                try await console.waitFor("target")
            }

            let input = "round \(round) " + (1...20).map { "r\(round)w\($0)" }.joined(separator: " ")
            let sent = try await cli.run("send", "backend-internal", "worker-00000001", input)
            #expect(sent.status == 0, "\(sent.stderr)")
            if sent.status == 0 { acknowledged.append(input) }
            // Mid-reply: the consoles show the stream, then the owner dies.
            for console in consoles { try await console.waitFor("r\(round)w20") }
            serve.signal(SIGKILL)
            _ = await serve.waitForExit()
            // A console becomes the owner and serves: a CLI call attaches to it.
            try await cli.waitFor("a console to take over", attempts: 500) {
                let doctor = try await cli.run("doctor", "--json")
                return doctor.stdout.contains("\"attached\":true")
            }
            // Every client converges: the next turn reaches both consoles
            // (one owns, the other re-attached) and the follower.
            let next = "after round \(round) done"
            var accepted = false
            for _ in 0..<100 where !accepted {
                // The worker may still be reconnecting in the new owner.
                let result = try await cli.run("send", "backend-internal", "worker-00000001", next)
                accepted = result.status == 0
                if !accepted { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(accepted, "no input accepted after the takeover")
            if accepted { acknowledged.append(next) }
            for console in consoles { try await console.waitFor("done \(round) round after", timeout: .seconds(30)) }
            for console in consoles { try await console.quit() }
        }
        let page = try json(try await cli.run("transcript", "backend-internal", "worker-00000001", "--start", "1", "--limit", "256", "--json").stdout) as? [String: Any]
        let users = (page?["items"] as? [[String: Any]])?.filter { $0["role"] as? String == "user" }.compactMap { $0["content"] as? String } ?? []
        #expect(users == acknowledged)
        let check = try await cli.run("doctor", "--json")
        #expect(check.stdout.contains("\"check\":\"ok\""))
        // The follower re-attached after each takeover: the turns that
        // completed in the new owners reached it too.
        let completed = await followed?.until(timeout: .seconds(20)) {
            $0.components(separatedBy: "worker_turn_completed").count - 1 >= rounds
        }
        #expect(completed == true, "events --follow stopped at a takeover")
    }

    /// R12, another user's uid on the socket: the store root is 0700 and
    /// the socket 0600, so another user cannot connect even when the
    /// directory is made traversable. Needs root (to act as `nobody`).
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
                   && FileManager.default.isExecutableFile(atPath: "/usr/bin/perl")))
    func anotherUserCannotReachTheSocket() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let serve = try ServeProcess(cli)
        try await serve.waitUntilServing()
        let root = try #require(serve.storeRoot)
        let socket = root.appendingPathComponent("api.sock").path

        func connectAsNobody() throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/perl", "-MIO::Socket::UNIX", "-e",
                                 #"IO::Socket::UNIX->new(Peer => $ARGV[0]) or do { print "refused: $!"; exit 3 }; print "connected""#,
                                 socket]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: socket)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
        #expect(try connectAsNobody() == "refused: Permission denied")
        // Even with the directory opened for traversal, the socket's own mode refuses.
        chmod(root.path, 0o711)
        defer { chmod(root.path, 0o700) }
        #expect(try connectAsNobody() == "refused: Permission denied")
        // The owner's user still gets in.
        #expect(try await cli.run("doctor", "--json").stdout.contains(#""attached":true"#))
        await serve.stop()
    }

    /// Two other hosts (own data dirs, own ports, own tokens) as
    /// `remote:a` and `remote:b` beside this workspace's own runtime.
    @Test func remotesWithTokens() async throws {
        var hosts: [(cli: CLI, serve: ServeProcess, port: Int, token: String)] = []
        defer { for host in hosts { host.cli.stopOwners(); host.cli.cleanUp() } }
        for name in ["a", "b"] {
            let host = try CLI()
            let token = try await host.run("token", "create", "console-\(name)")
            #expect(token.status == 0, "\(token.stderr)")
            let port = try freePort()
            let serve = try ServeProcess(host, arguments: ["--listen", "127.0.0.1:\(port)"])
            try await serve.waitUntilServing()
            let made = try await host.run("create", "--profile", "scripted", "--name", "on-\(name)")
            #expect(made.status == 0, "\(made.stderr)")
            hosts.append((host, serve, port, token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        let here = try CLI()
        defer { here.cleanUp() }
        var config = ""
        for (index, host) in hosts.enumerated() {
            let file = here.root.appendingPathComponent("token-\(index)")
            FileManager.default.createFile(atPath: file.path, contents: Data(host.token.utf8), attributes: [.posixPermissions: 0o600])
            config += """

                [[remotes]]
                name = "\(["a", "b"][index])"
                url = "http://127.0.0.1:\(host.port)"
                token = { file = "\(file.path)" }

                """
        }
        try here.writeConfig(config)

        let runtimes = try json(try await here.run("runtimes", "--json").stdout) as? [[String: Any]]
        let byId = Dictionary(uniqueKeysWithValues: (runtimes ?? []).compactMap { r in (r["runtime_id"] as? String).map { ($0, r) } })
        #expect(byId["remote:a"]?["status"] as? String == "connected")
        #expect(byId["remote:b"]?["implementation_kind"] as? String == "remote_worker_runtime")
        // The same worker id on two hosts is two workers.
        let a = try json(try await here.run("show", "remote:a", "worker-00000001", "--json").stdout) as? [String: Any]
        let b = try json(try await here.run("show", "remote:b", "worker-00000001", "--json").stdout) as? [String: Any]
        #expect(a?["label"] as? String == "on-a")
        #expect(b?["label"] as? String == "on-b")
        // Input to another host runs there and streams back.
        let sent = try await here.run("send", "remote:b", "worker-00000001", "far away", "--wait", "--reconnect")
        #expect(sent.stdout == "[scripted] away far\n", "\(sent.stderr)")

        // A revoked token is refused from the next request on.
        #expect(try await hosts[0].cli.run("token", "revoke", "console-a").status == 0)
        let revoked = try await here.run("show", "remote:a", "worker-00000001")
        #expect(revoked.status == 6)
        #expect(!revoked.stderr.contains(hosts[0].token))

        // A console shows both remotes beside its own runtime.
        let console = try ConsoleDriver(here, width: 120, height: 40)
        defer { console.close() }
        try await console.events.waitFor("ready")
        try await console.waitFor("Remote b")
        try await console.waitFor("on-b")
        try await console.quit()
        for host in hosts { await host.serve.stop() }
    }
}

/// Reads a pipe's lines on a thread of its own.
final class LineReader: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""

    init(_ handle: FileHandle) {
        Thread { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty { return }
                lock.withLock { buffer += String(decoding: data, as: UTF8.self) }
            }
        }.start()
    }

    var text: String { lock.withLock { buffer } }

    /// Waits until the text read so far satisfies `predicate`.
    func until(timeout: Duration, _ predicate: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if predicate(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return predicate(text)
    }
}
