import AsyncHTTPClient
import NIOCore

extension HTTPClient.Configuration {
    /// How a provider's HTTP client behaves:
    /// - a failed connect fails the request at once: the pool would
    ///   otherwise keep re-dialling a refused port until the connect timeout
    ///   (5 s per attempt, 20 s a turn), while `RetryPolicy` already decides,
    ///   with short backoff it announces, whether to try again;
    /// - connecting is bounded by the headers timeout and at most 5 s (a host
    ///   that never answers the SYN);
    /// - its read timeout is the provider's chunk timeout;
    /// - redirects are not followed (they could carry the credential elsewhere);
    /// - many concurrent streams per host.
    static func providerConfiguration(for provider: ProviderConfig) -> HTTPClient.Configuration {
        var pool = ConnectionPool(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 512)
        pool.retryConnectionEstablishment = false
        return HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: min(provider.headersTimeout, .seconds(5)).timeAmount,
                           read: provider.chunkTimeout.timeAmount),
            connectionPool: pool
        )
    }
}
