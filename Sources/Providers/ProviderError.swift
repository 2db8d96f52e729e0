import Foundation

/// The one error type of `Providers`. Its `message` is scrubbed by
/// construction (see `Scrubber`): whatever text a provider, a URL or an
/// underlying error carried, no key, token, `Bearer` value or URL query
/// survives into `message`, `description` or a transcript entry.
public struct ProviderError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Hashable, Sendable {
        /// A credential reference did not resolve (unset variable, unreadable or too open file).
        case credential
        /// The provider or profile configuration cannot make a request.
        case configuration
        /// The provider answered with a non-2xx status.
        case http
        /// No response headers, or no streamed chunk, within the configured time.
        case timeout
        /// Could not connect, or the connection dropped.
        case connection
        /// The stream was malformed or ended before completion.
        case stream
        /// The turn was cancelled (interrupt, stop, cancel); never reported.
        case cancelled

        /// The CLI exit code this maps to (layout.md): rejected (4) for
        /// provider-side failures, unavailable (6) for transport failures,
        /// invalid input (2) for configuration and credentials.
        public var exitCode: Int32 {
            switch self {
            case .credential, .configuration: 2
            case .http, .stream: 4
            case .timeout, .connection: 6
            case .cancelled: 1
            }
        }
    }

    public let code: Code
    /// What happened, scrubbed and capped at `Scrubber.maxLength`.
    public let message: String
    /// The HTTP status, for `.http`.
    public let status: Int?

    public init(_ code: Code, _ message: String, status: Int? = nil) {
        self.code = code
        self.message = Scrubber.scrub(message)
        self.status = status
    }

    public var description: String { message }

    static let cancelled = ProviderError(.cancelled, "turn cancelled")
}
