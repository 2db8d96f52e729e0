import Foundation
import Logging
import Providers
import Registry
import Remote

/// `[[remotes]]` entries as registry sources (`remote:NAME`). A token that
/// does not resolve leaves the remote listed `unavailable` with the reason
/// (a reference name, never a value) rather than hiding it.
enum RemoteWiring {
    /// `connectNow`: a one-shot CLI call handshakes before it asks anything
    /// (fails fast: the remote is listed `unavailable` with the reason); a
    /// console starts each connection loop (backoff) instead.
    static func sources(_ entries: [AppConfig.RemoteEntry], environment: [String: String], logger: Logger,
                        connectNow: Bool) async -> [RemoteSource] {
        let resolver = CredentialResolver(environment: environment)
        var sources: [RemoteSource] = []
        for entry in entries {
            var token: String?
            var problem: String?
            do throws(ProviderError) {
                token = try resolver.resolve(entry.token)?.withValue { $0 }
            } catch {
                problem = error.description
                logger.error("remote token does not resolve", metadata: ["remote": .string(entry.name), "reason": .string(error.description)])
            }
            let config = RemoteConfig(runtimeId: "remote:\(entry.name)", displayName: "Remote \(entry.name)",
                                      endpoint: .url(entry.url), token: token, readOnly: entry.readOnly,
                                      implementationKind: .remoteWorkerRuntime, trust: entry.trust)
            let source = RemoteSource(config: config, logger: logger)
            if let problem {
                source.refuse(.unavailable(code: "remote_token_unresolved", message: "the token of remote \(entry.name) does not resolve: \(problem)"))
            } else {
                if connectNow {
                    do throws(SourceError) { try await source.connect() } catch {
                        logger.notice("remote did not answer", metadata: ["remote": .string(entry.name), "reason": "\(error)"])
                        source.refuse(error)
                    }
                } else {
                    source.start()
                }
            }
            sources.append(source)
        }
        return sources
    }
}
