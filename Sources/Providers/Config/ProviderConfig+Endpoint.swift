import Foundation

extension ProviderConfig {
    /// `host[:port]` of `baseURL`, for messages about the transport: it tells
    /// the operator which server did not answer, and never carries the path,
    /// the query or user info (any of which may hold a secret). Nil for
    /// `scripted`.
    public var endpoint: String? {
        guard let baseURL, let url = URLComponents(string: baseURL), let host = url.host, !host.isEmpty else {
            return nil
        }
        let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return url.port.map { "\(shown):\($0)" } ?? shown
    }
}
