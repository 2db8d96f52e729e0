import Foundation

/// Bearer tokens for TCP listeners: `<data dir>/tokens/<name>` (0600) holds
/// the token for its owner to hand out; the server keeps only SHA-256
/// digests and compares in constant time.
public struct TokenStore: Sendable, Hashable {
    public let directory: URL
    public init(directory: URL) { self.directory = directory }
}
