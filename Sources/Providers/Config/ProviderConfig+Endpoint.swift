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

    /// Whether a request would carry the credential unencrypted to another
    /// machine: `http://` to a host that is not loopback, with an `auth`
    /// other than `none`. Such a provider is refused when the config is read.
    public var sendsCredentialInClear: Bool {
        guard auth != .none, let baseURL, let url = URLComponents(string: baseURL),
              url.scheme?.lowercased() == "http" else { return false }
        return !Self.isLoopback(host: url.host ?? "")
    }

    /// `localhost`, 127.0.0.0/8 and `::1` (with or without brackets). Any
    /// other name counts as remote, even one that resolves to loopback:
    /// resolution can change after the check.
    static func isLoopback(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            // s_addr is in network byte order: its first byte is the first octet.
            return withUnsafeBytes(of: &v4) { $0[0] } == 127
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, name, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) } == Array(repeating: 0, count: 15) + [1]
        }
        return false
    }
}
