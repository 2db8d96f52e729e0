import Foundation
import Registry
@testable import Server
import Testing

/// R12: over TCP, every route needs a token of this server's store; a
/// refusal says nothing.
@Suite struct AuthTests {
    static let everyRoute = ["/v1/version", "/v1/metrics", "/v1/openapi.json", "/v1/runtimes", "/v1/stream", "/v1/no-such-route"]

    @Test func noWrongOrForeignTokenGets401WithAnEmptyBody() async throws {
        let foreignDir = FileManager.default.temporaryDirectory.appendingPathComponent("wds-foreign-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: foreignDir) }
        let foreign = try TokenStore(directory: foreignDir).create(name: "elsewhere")
        try await withServer { h in
            for uri in Self.everyRoute {
                for token in [nil, "", "wrong", String(h.token.dropLast()), h.token + "0", foreign] as [String?] {
                    let reply = try await h.send(.GET, uri, via: .tcp(token: token))
                    #expect(reply.status == 401, "\(uri)")
                    #expect(reply.body.isEmpty)
                    #expect(reply.headers["WWW-Authenticate"] == ["Bearer"])
                }
            }
            // Another scheme with the right value is still refused.
            let basic = try await h.send(.GET, "/v1/version", via: .tcp(token: nil), headers: [("Authorization", "Basic \(h.token)")])
            #expect(basic.status == 401 && basic.body.isEmpty)
        }
    }

    @Test func theRightTokenOpensEveryRoute() async throws {
        try await withServer { h in
            #expect(try await h.send(.GET, "/v1/version", via: .tcp(token: h.token)).decode(APIVersionInfo.self).apiVersion == 1)
            #expect(try await h.send(.GET, "/v1/metrics", via: .tcp(token: h.token)).status == 200)
            #expect(try await h.send(.GET, "/v1/openapi.json", via: .tcp(token: h.token)).status == 200)
            #expect(try await h.send(.GET, "/v1/runtimes", via: .tcp(token: h.token)).status == 200)
            // Authenticated, an unknown route is the API's 404.
            let missing = try await h.send(.GET, "/v1/no-such-route", via: .tcp(token: h.token))
            #expect(missing.status == 404)
            #expect(try missing.decode(APIErrorBody.self).error.code == "not_found")
        }
    }

    @Test func aRevokedTokenStopsWorkingWithoutARestart() async throws {
        try await withServer { h in
            let second = try h.tokens.create(name: "second")
            #expect(try await h.send(.GET, "/v1/version", via: .tcp(token: second)).status == 200)
            try h.tokens.revoke(name: "second")
            #expect(try await h.send(.GET, "/v1/version", via: .tcp(token: second)).status == 401)
            #expect(try await h.send(.GET, "/v1/version", via: .tcp(token: h.token)).status == 200)
        }
    }

    @Test func theSocketNeedsNoToken() async throws {
        try await withServer { h in
            let reply = try await h.send(.GET, "/v1/version")
            #expect(reply.status == 200)
        }
    }

    @Test func digestsCompareEqualOnlyWhenEqual() {
        let a = SHA256Check.digest("a"), b = SHA256Check.digest("b")
        #expect(TokenVerifier.equal(a, a) == 1)
        #expect(TokenVerifier.equal(a, b) == 0)
    }
}

import Crypto
enum SHA256Check {
    static func digest(_ text: String) -> [UInt8] { Array(SHA256.hash(data: Data(text.utf8))) }
}
