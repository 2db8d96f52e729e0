import Crypto
import Dispatch
import Foundation
import Hummingbird
import Synchronization

/// Checks bearer tokens against a `TokenStore`. Keeps only SHA-256 digests,
/// re-read when the tokens directory changes (a create or revoke), so a
/// revoked token stops working at the next request without a restart.
final class TokenVerifier: Sendable {
    private struct Cache {
        var stamp: Stamp?
        var digests: [[UInt8]] = []
    }

    /// The tokens directory's modification time.
    private struct Stamp: Hashable, Sendable {
        var seconds: Int
        var nanoseconds: Int
    }

    let store: TokenStore
    private let cache = Mutex(Cache())
    /// Token files are read here, never on Swift's cooperative pool.
    private static let io = DispatchQueue(label: "workerdeck.server.tokens")

    init(store: TokenStore) { self.store = store }

    /// Whether `token` is one of the store's tokens.
    func accepts(_ token: Substring) async -> Bool {
        let presented = Array(SHA256.hash(data: Data(token.utf8)))
        let digests = await currentDigests()
        // Every digest is compared in full: no early exit reveals which
        // token, or how much of one, matched.
        var matched: UInt8 = 0
        for digest in digests {
            matched |= Self.equal(presented, digest)
        }
        return matched == 1
    }

    /// 1 when the digests are equal, else 0, in time independent of where
    /// they differ.
    static func equal(_ left: [UInt8], _ right: [UInt8]) -> UInt8 {
        var difference: UInt8 = 0
        for i in 0..<min(left.count, right.count) { difference |= left[i] ^ right[i] }
        return difference == 0 && left.count == right.count ? 1 : 0
    }

    private func currentDigests() async -> [[UInt8]] {
        await withCheckedContinuation { continuation in
            Self.io.async {
                let stamp = self.store.stamp().map { Stamp(seconds: Int($0.tv_sec), nanoseconds: Int($0.tv_nsec)) }
                // File times tick coarsely (a few ms): a directory changed
                // in the last two seconds may change again within the same
                // tick, so its cache is not trusted.
                let settled = stamp.map { Date().timeIntervalSince1970 - Double($0.seconds) > 2 } ?? false
                let cached = self.cache.withLock { cache -> [[UInt8]]? in
                    guard settled, let stamp, cache.stamp == stamp else { return nil }
                    return cache.digests
                }
                if let cached { return continuation.resume(returning: cached) }
                let digests = self.store.digests()
                self.cache.withLock { $0 = Cache(stamp: stamp, digests: digests) }
                continuation.resume(returning: digests)
            }
        }
    }
}

/// TCP listeners only: every route, unknown ones included, needs
/// `Authorization: Bearer <token>`; anything else gets 401 with an empty
/// body and no hint why.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    let verifier: TokenVerifier

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
              await verifier.accepts(header.dropFirst("Bearer ".count))
        else {
            throw APIFailure.unauthorized
        }
        return try await next(request, context)
    }
}
