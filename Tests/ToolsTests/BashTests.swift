import Foundation
import Testing
@testable import Tools
#if canImport(Glibc)
import Glibc
#endif

@Suite struct BashTests {
    @Test func runsInTheWorkdirWithOutputMergedAndTheExitStatus() async {
        let work = Scratch()
        work.write("here.txt", "")
        let box = makeBox()
        let ok = await box.run("bash", ["command": "ls; echo to-stderr >&2"], in: work)
        #expect(ok == .init(callId: "call_1", status: .ok, output: "here.txt\nto-stderr\nexit 0\n"))
        let failed = await box.run("bash", ["command": "echo nope; exit 2"], in: work)
        #expect(failed.status == .error)
        #expect(failed.output == "nope\nexit 2\n")
        let stdin = await box.run("bash", ["command": "cat; echo done"], in: work)
        #expect(stdin.output == "done\nexit 0\n")
    }

    @Test func environmentIsMinimalAndNeverHoldsSecrets() async {
        let work = Scratch()
        let box = makeBox(extra: [
            "OPENAI_API_KEY": "sk-1", "GITHUB_TOKEN": "t", "DB_PASSWORD": "p", "my_secret": "s", "AWS_CREDENTIALS": "c",
            "PROVIDER_AUTH": "credential-value", "WORKERDECK_DATA_DIR": "/data", "WORKERDECK_CONFIG": "/c",
            "LC_ALL": "C.UTF-8", "EDITOR": "vi", "PROJECT_MODE": "dev", "TERM": "xterm-256color",
        ], credentials: ["PROVIDER_AUTH"])
        let result = await box.run("bash", ["command": "env | sort"], in: work, passthrough: [
            "PROJECT_MODE", "GITHUB_TOKEN", "PROVIDER_AUTH", "WORKERDECK_DATA_DIR", "my_secret",
        ])
        #expect(result.status == .ok)
        let names = Set(result.output.split(separator: "\n").compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) })
        // What sh itself adds (PWD, SHLVL, _) is not ours to refuse.
        #expect(names.subtracting(["PWD", "SHLVL", "_", "OLDPWD", "exit 0"]) == ["PATH", "HOME", "LANG", "USER", "LC_ALL", "TERM", "PROJECT_MODE"])
        #expect(result.output.contains("TERM=dumb\n"))
        for secret in ["sk-1", "credential-value", "/data"] { #expect(!result.output.contains(secret)) }
    }

    /// The cap. Its memory bound is measured in a process of its own (the
    /// owner's peak RSS, ToolScenarioTests): this process's peak is shared
    /// with every suite running alongside.
    @Test func hundredMegabytesOfOutputAreCapped() async {
        let work = Scratch()
        let result = await makeBox().run("bash", ["command": "yes | head -c 100000000"], in: work)
        #expect(result.status == .ok)
        #expect(result.truncated)
        #expect(result.output.contains("\n… \(100_000_000 - 64 * 1024) bytes omitted\n"))
        #expect(result.output.hasSuffix("y\ny\nexit 0\n"))
        #expect(result.output.utf8.count < 64 * 1024 + 100)
    }

    @Test func cancellingEndsTheWholeProcessGroup() async throws {
        let work = Scratch()
        let box = makeBox()
        let task = Task {
            await box.run("bash", ["command": "sleep 1000 & echo $! > bg.pid; sleep 1000"], in: work)
        }
        #expect(await waitUntil { (work.read("bg.pid") ?? "").hasSuffix("\n") })
        let pid = try #require(Int32(work.read("bg.pid")!.trimmingCharacters(in: .newlines)))
        #expect(isRunning(pid))
        task.cancel()
        let result = await task.value
        #expect(result.status == .interrupted)
        #expect(result.output == "interrupted\n")
        #expect(!isRunning(pid), "the backgrounded sleep survived")
    }

    @Test func aTimeoutEndsTheGroupEvenWhenTheShellIgnoresTERM() async throws {
        let work = Scratch()
        let command = "trap '' TERM; sleep 1000 & echo $! > bg.pid; echo started; while :; do sleep 1; done"
        let result = await makeBox().run("bash", ["command": command, "timeout": 1], in: work)
        #expect(result.status == .error)
        #expect(result.output == "started\nkilled after timeout 1 s\n")
        let pid = try #require(Int32((work.read("bg.pid") ?? "").trimmingCharacters(in: .newlines)))
        #expect(!isRunning(pid))
    }

    /// Detached or still holding the output pipe, what the shell leaves
    /// running when it exits is ended, and the call does not wait for it.
    @Test(arguments: ["(sleep 1000 >/dev/null 2>&1 & echo $! > bg.pid); echo left", "sleep 1000 & echo $! > bg.pid; echo left"])
    func whatTheCommandLeavesBehindIsEnded(command: String) async throws {
        let work = Scratch()
        let result = await makeBox().run("bash", ["command": command, "timeout": 300], in: work)
        #expect(result.output == "left\nexit 0\n")
        let pid = try #require(Int32((work.read("bg.pid") ?? "").trimmingCharacters(in: .newlines)))
        #expect(!isRunning(pid))
    }

    /// kill -9 of the process that started a command (workerdeck, here a
    /// stand-in shell) still ends the command's group: its watcher does.
    @Test func aGroupWhoseStarterIsKilledEndsItself() async throws {
        let work = Scratch()
        work.write("watch.sh", OwnerWatch.script)
        work.write("starter.sh", "setsid /bin/sh -c \"$(cat watch.sh)\" sh 'sleep 1000 & echo $! > bg.pid; sleep 1000' </dev/null >/dev/null 2>&1 &\nwait\n")
        let command = "sh starter.sh & starter=$!; until [ -s bg.pid ]; do sleep 0.1; done; kill -9 $starter; echo killed"
        let result = await makeBox().run("bash", ["command": command], in: work)
        #expect(result.output == "killed\nexit 0\n")
        let pid = try #require(Int32((work.read("bg.pid") ?? "").trimmingCharacters(in: .newlines)))
        #expect(await waitUntil(seconds: 60) { !isRunning(pid) }, "the started sleep outlived its starter")
    }

    @Test func bubblewrapConfinesWhenItWorksAndIsAnErrorWhenNot() async throws {
        let work = Scratch()
        let box = makeBox()
        let result = await box.run("bash", ["command": "echo inside > made.txt && touch /usr/workerdeck-bwrap-test; echo $?"], in: work, sandbox: .bwrap)
        let bwrapWorks = await Bubblewrap.find(BashEnvironment(processEnvironment: ["PATH": "/usr/local/bin:/usr/bin:/bin"], credentialVariables: []), workdir: work.root) != nil
        if bwrapWorks {
            #expect(result.status == .ok)
            #expect(work.read("made.txt") == "inside\n")
            #expect(result.output.contains("Read-only file system"))
            let network = await box.run("bash", ["command": "cat /sys/class/net/*/operstate 2>/dev/null | sort -u; ls /sys/class/net"], in: work, sandbox: .bwrap)
            #expect(network.output.split(separator: "\n").contains("lo"))
            #expect(!network.output.contains("eth"))
        } else {
            // bubblewrap is not installed (or user namespaces are off) here: the call is refused, nothing runs.
            #expect(result.status == .error)
            #expect(result.output.contains("bubblewrap is not available"))
            #expect(!work.exists("made.txt"))
        }
    }
}

