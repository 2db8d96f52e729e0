import Foundation
import Testing

/// issue 11's security gaps on the CLI and console side: another process's
/// pid reaches no operator, and `WORKERDECK_TEST_EVENTS` cannot be pointed
/// through a link or at something that is not a regular file.
@Suite(.serialized) struct CLIPrivacyTests {
    /// Whether `number` stands in `text` as a number of its own (not as
    /// part of a longer one, such as a hash or a timestamp).
    func mentions(_ number: Int32, in text: String) -> Bool {
        text.split { !$0.isNumber }.contains { $0 == "\(number)" }
    }

    @Test func theOwnersPidReachesNoOperator() async throws {
        let cli = try CLI()
        defer { cli.cleanUp() }
        let owner = try ConsoleDriver(cli, eventsName: "owner")
        defer { owner.close() }
        try await owner.events.waitFor("ready")
        let pid = try #require(try owner.session.panePid())

        for args in [["doctor"], ["doctor", "--json"]] {
            let doctor = try await cli.run(args)
            #expect(doctor.status == 0, "\(doctor.stderr)")
            #expect(doctor.stdout.contains("another process") || doctor.stdout.contains("another_process"), "\(doctor.stdout)")
            #expect(!mentions(pid, in: doctor.stdout + doctor.stderr), "\(args) shows the owner's pid \(pid):\n\(doctor.stdout)")
        }
        // It is kept for whoever reads the log file.
        let log = try String(contentsOf: cli.dataDir.appendingPathComponent("logs/workerdeck.log"), encoding: .utf8)
        #expect(log.contains("pid=\(pid)"))

        // A second console attaches; its `:takeover` while the owner still
        // runs is refused, without the pid.
        let observer = try ConsoleDriver(cli, eventsName: "observer")
        defer { observer.close() }
        try await observer.events.waitFor("ready")
        try observer.press("command")
        try observer.type("takeover")
        try observer.send("Enter")
        let refused = try await observer.events.waitFor("toast", after: observer.mark) {
            ($0["message"] as? String)?.contains("nothing to take over") == true
        }
        let message = refused["message"] as? String ?? ""
        #expect(!mentions(pid, in: message), "the takeover refusal shows the owner's pid: \(message)")
        #expect(!mentions(pid, in: try observer.session.screen()))
        try await observer.quit()
        try await owner.quit()
    }

    /// The console refuses the variable before it needs a terminal, so a
    /// plain process shows the refusal.
    @Test func testEventsRefusesALinkOrANonRegularFile() async throws {
        var cli = try CLI()
        defer { cli.cleanUp() }
        let target = cli.root.appendingPathComponent("precious.txt")
        try Data("keep me\n".utf8).write(to: target)
        let link = cli.root.appendingPathComponent("events-link.jsonl")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)

        cli.extraEnvironment["WORKERDECK_TEST_EVENTS"] = link.path
        let linked = try await cli.run([])
        #expect(linked.status == 2)
        #expect(linked.stderr == "workerdeck: invalid_input: WORKERDECK_TEST_EVENTS must name a regular file of yours: it is a symbolic link\n")
        #expect(try Data(contentsOf: target) == Data("keep me\n".utf8), "nothing was written through the link")

        cli.extraEnvironment["WORKERDECK_TEST_EVENTS"] = cli.root.path
        let directory = try await cli.run([])
        #expect(directory.status == 2)
        #expect(directory.stderr == "workerdeck: invalid_input: WORKERDECK_TEST_EVENTS must name a regular file of yours: it is not a regular file\n")

        // A fresh path is created private; then the missing terminal is the error.
        let fresh = cli.root.appendingPathComponent("fresh.jsonl")
        cli.extraEnvironment["WORKERDECK_TEST_EVENTS"] = fresh.path
        let created = try await cli.run([])
        #expect(created.stderr.contains("the console needs a terminal"))
        let mode = try FileManager.default.attributesOfItem(atPath: fresh.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
