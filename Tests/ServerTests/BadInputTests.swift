import Foundation
import NIOHTTP1
import Registry
@testable import Server
import Testing

/// Bad input gets a 4xx with a fixed message, never a 5xx, never an echo.
@Suite struct BadInputTests {
    let r = ServerHarness.runtimeId

    @Test func malformedJSONAndWrongTypesAre400WithAFixedMessage() async throws {
        try await withServer { h in
            let worker = try await h.createWorker()
            let input = "/v1/runtimes/\(r)/workers/\(worker.workerId)/input"
            let bodies = ["{", "not json", #"{"text": 42}"#, #"{"txt": "x"}"#, "[]", #""text""#, "", #"{"text": null}"#,
                          "{\"text\": \"\u{0}\"", String(repeating: "[", count: 10_000)]
            for body in bodies {
                let reply = try await h.send(.POST, input, body: Data(body.utf8))
                #expect(reply.status == 400, "\(body.prefix(20))")
                let error = try reply.decode(APIErrorBody.self).error
                #expect(error.code == "invalid_request" && error.message == APIFailure.BadRequest.body.rawValue)
            }
            let create = try await h.send(.POST, "/v1/runtimes/\(r)/workers", body: Data(#"{"label": ["x"]}"#.utf8))
            #expect(create.status == 400)
            #expect(!create.text.contains("label"))
        }
    }

    @Test func badQueryNumbersAre400() async throws {
        try await withServer { h in
            let worker = try await h.createWorker()
            let uris = [
                "/v1/runtimes/\(r)/workers?limit=0", "/v1/runtimes/\(r)/workers?limit=1001", "/v1/runtimes/\(r)/workers?limit=x",
                "/v1/runtimes/\(r)/workers?limit=-1", "/v1/runtimes/\(r)/workers?limit=99999999999999999999999",
                "/v1/runtimes/\(r)/events?from=-3", "/v1/runtimes/\(r)/events?from=1.5",
                "/v1/runtimes/\(r)/workers/\(worker.workerId)/transcript?start=-1",
                "/v1/runtimes/\(r)/workers/\(worker.workerId)/transcript?tail=0",
                "/v1/runtimes/\(r)/workers/\(worker.workerId)/transcript?tail=257",
                "/v1/runtimes/\(r)/workers/\(worker.workerId)/transcript?page=true",
                "/v1/runtimes/\(r)/workers/\(worker.workerId)/transcript?=", "/v1/runtimes/\(r)/workers/\(worker.workerId)/transcript?%ZZ=1",
                "/v1/runtimes/\(r)/workers?limits=5", "/v1/runtimes/\(r)/events?form=1",
                "/v1/runtimes/\(r)/workers/\(worker.workerId)/transcript?tail=2&start=0",
                "/v1/stream?from=abc",
            ]
            for uri in uris {
                let reply = try await h.send(.GET, uri)
                #expect(reply.status == 400, "\(uri)")
                #expect(try reply.decode(APIErrorBody.self).error.code == "invalid_request")
            }
        }
    }

    @Test func aTenMebibyteBodyIs413WithoutDetail() async throws {
        try await withServer { h in
            let worker = try await h.createWorker()
            let huge = Data(repeating: UInt8(ascii: "a"), count: 10 << 20)
            let reply = try await h.send(.POST, "/v1/runtimes/\(r)/workers/\(worker.workerId)/input", body: huge)
            #expect(reply.status == 413)
            #expect(reply.body.isEmpty)
            // The server is still there.
            #expect(try await h.send(.GET, "/v1/version").status == 200)
        }
    }

    @Test func unknownRoutesAreJSON404() async throws {
        try await withServer { h in
            for (method, uri) in [(HTTPMethod.GET, "/nope"), (.GET, "/v1"), (.DELETE, "/v1/nope"), (.POST, "/v1/runtimes/\(r)/workers/w/nope")] {
                let reply = try await h.send(method, uri)
                #expect(reply.status == 404, "\(uri)")
                #expect(try reply.decode(APIErrorBody.self).error.code == "not_found")
            }
        }
    }

    /// A known path with a method it does not take is 405 with `Allow`
    /// listing the methods it does take, not 404.
    @Test func anUndeclaredMethodOnAKnownPathIs405WithAllow() async throws {
        try await withServer { h in
            let cases: [(HTTPMethod, String, String)] = [
                (.DELETE, "/v1/runtimes", "GET"),
                (.GET, "/v1/runtimes/\(r)/workers/w/input", "POST"),
                (.PUT, "/v1/runtimes/\(r)/workers", "GET, POST"),
                (.PUT, "/v1/runtimes/\(r)/workers/w", "GET, DELETE"),
                (.GET, "/v1/runtimes/\(r)/workers/w/fork", "POST"),
                (.PATCH, "/v1/version", "GET"),
            ]
            for (method, uri, allow) in cases {
                let reply = try await h.send(method, uri)
                #expect(reply.status == 405, "\(method) \(uri)")
                #expect(reply.headers["Allow"] == [allow], "\(method) \(uri)")
                #expect(try reply.decode(APIErrorBody.self).error.code == "method_not_allowed")
            }
            // Over TCP the token is still checked first: no route is disclosed without it.
            let anonymous = try await h.send(.DELETE, "/v1/runtimes", via: .tcp(token: nil))
            #expect(anonymous.status == 401)
        }
    }

    @Test func strictNumbersNeverTrap() {
        #expect(RequestDecoding.parseNumber("0") == 0)
        #expect(RequestDecoding.parseNumber("999999999999999999") == 999_999_999_999_999_999)
        for bad in ["", "-1", "+1", " 1", "1e3", "9999999999999999999", "١"] { #expect(RequestDecoding.parseNumber(bad) == nil) }
        #expect(RequestDecoding.query("limit=5&limit=6&x&%ZZ=1&start=%31&y=%ZZ") == ["limit": "5", "x": "", "%ZZ": "1", "start": "1"])
        #expect(RequestDecoding.query("=") == ["": ""])
        RequestDecoding.exercise(Data([0xFF, 0x00, 0x7B]))
    }
}

