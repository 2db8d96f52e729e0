import ArgumentParser
import Dispatch
import Foundation
import Registry
import Server

/// `workerdeck serve`: the workspace's owner without a UI (serve.md).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Own the workspace's runtime without a UI and serve it to consoles, CLI calls and other hosts.",
        discussion: """
        Runs in the foreground and logs to the log file; SIGTERM or SIGINT ends it cleanly (running turns \
        are interrupted and recorded, as on quit). Consoles and CLI calls for this workspace attach to it \
        over a socket in the store directory. --listen also serves over TCP; every TCP request needs a \
        token from `workerdeck token create`. A non-loopback address needs TLS ([serve] tls_cert and \
        tls_key) or --insecure-no-tls.
        """
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Also serve over TCP on HOST:PORT (default: [serve] listen).") var listen: String?
    @Flag(name: .long, help: "Allow a non-loopback --listen without TLS (use an SSH tunnel instead where you can).")
    var insecureNoTls = false
    @Option(name: .long, help: "Exit after this many seconds with no turn running (a background owner).")
    var idleExit: Int?

    func run() async throws {
        try await reporting(json: false) {
            let deck = try await Deck.open(global, role: .serve)
            let extra: [ServerEndpoint]
            do { extra = try tcpEndpoints(deck) } catch {
                await deck.close()
                throw error
            }
            if deck.config.reconnectOnStart, let report = try? await deck.registry.reconnectStale(runtime: deck.home.source.runtimeId) {
                deck.logger.notice("serve: reconnected at start", metadata: ["summary": .string(report.summary)])
            }
            deck.logger.notice("serving the workspace's runtime")
            let outcome = await Self.serveUntilSignal(deck, extra: extra, idleExit: idleExit)
            deck.logger.notice("serve: stopping", metadata: ["reason": .string(outcome.reason)])
            await deck.close()
            if outcome.failed { throw CLIError(code: "cannot_serve", message: outcome.reason, exitCode: 6) }
        }
    }

    /// The TCP endpoint of `--listen` or `[serve] listen`, checked: TLS files
    /// both set or neither, a non-loopback host only with TLS or the flag.
    private func tcpEndpoints(_ deck: Deck) throws(CLIError) -> [ServerEndpoint] {
        guard let address = listen ?? deck.config.serve.listen else { return [] }
        guard let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (0...65535).contains(port), colon > address.startIndex else {
            throw CLIError.invalid("--listen takes HOST:PORT, e.g. 127.0.0.1:7777")
        }
        let host = String(address[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let tls = deck.config.serve.tlsCert.flatMap { cert in deck.config.serve.tlsKey.map { TLSFiles(certificate: cert, key: $0) } }
        do throws(ServerError) {
            try APIServer.checkListen(host: host, tls: tls != nil, insecureNoTLS: insecureNoTls)
        } catch {
            throw CLIError(code: "insecure_listen", message: error.description, exitCode: 2)
        }
        let tokens = TokenStore(directory: deck.paths.dataDir.appendingPathComponent("tokens", isDirectory: true))
        return [.tcp(host: host, port: port, tls: tls, tokens: tokens)]
    }

    /// Serves until SIGTERM/SIGINT (or, with `idleExit`, until no turn has
    /// run for that long); returns why it stopped.
    static func serveUntilSignal(_ deck: Deck, extra: [ServerEndpoint], idleExit: Int?) async -> (reason: String, failed: Bool) {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        signal(SIGHUP, SIG_IGN) // a background owner outlives the terminal that started it
        let (stops, continuation) = AsyncStream<(reason: String, failed: Bool)>.makeStream()
        let sources = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")].map { number, name in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield((name, false)) }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        let server = Task {
            do throws(ServerError) {
                try await deck.home.serve(extra: extra)
                continuation.yield(("server stopped", false))
            } catch {
                continuation.yield(("cannot serve: \(error.description)", true))
            }
        }
        let idle = idleExit.map { seconds in
            Task {
                var quietSince = ContinuousClock.now
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    let busy = await deck.registry.runtimes().contains { $0.counts.busy > 0 }
                    if busy { quietSince = .now } else if ContinuousClock.now - quietSince >= .seconds(seconds) {
                        continuation.yield(("idle for \(seconds) s", false))
                        return
                    }
                }
            }
        }
        var outcome = (reason: "ended", failed: false)
        for await why in stops {
            outcome = why
            break
        }
        idle?.cancel()
        server.cancel()
        _ = await server.value
        return outcome
    }
}
