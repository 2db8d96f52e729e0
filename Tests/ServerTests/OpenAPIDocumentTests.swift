import Foundation
import NIOHTTP1
import Registry
@testable import Server
import Testing

/// The served OpenAPI document stays true: every route is in it and every
/// path in it is routed, and real answers have exactly its properties.
@Suite struct OpenAPIDocumentTests {
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let routed = Set(APIServer.routes.map { "\($0.method.rawValue) \($0.path)" })
        #expect(routed.count == APIServer.routes.count, "a route is registered twice")
        #expect(documented == routed)
    }

    @Test func theServedDocumentIsTheOneInTheRepository() async throws {
        try await withServer { h in
            let reply = try await h.send(.GET, "/v1/openapi.json")
            #expect(reply.status == 200 && reply.text == OpenAPIDocument.json)
            #expect(try Self.document()["openapi"] as? String == "3.1.0")
        }
    }

    @Test func aScenarioAnswersExactlyTheDocumentedProperties() async throws {
        let checker = try DocumentChecker(Self.document())
        let r = ServerHarness.runtimeId
        try await withServer { h in
            func check(_ method: HTTPMethod, _ pattern: String, _ uri: String, body: Data? = nil) async throws -> ServerHarness.Reply {
                let reply = try await h.send(method, uri, body: body)
                try checker.check(method: method.rawValue.lowercased(), path: pattern, reply: reply)
                return reply
            }
            let w = "/v1/runtimes/{runtime_id}/workers/{worker_id}"
            _ = try await check(.GET, "/v1/version", "/v1/version")
            _ = try await check(.GET, "/v1/runtimes", "/v1/runtimes")
            _ = try await check(.GET, "/v1/runtimes/{runtime_id}", "/v1/runtimes/\(r)")
            _ = try await check(.GET, "/v1/runtimes/{runtime_id}", "/v1/runtimes/nowhere")
            let created = try await check(.POST, "/v1/runtimes/{runtime_id}/workers", "/v1/runtimes/\(r)/workers",
                                          body: ServerHarness.json(CreateWorkerBody(profile: "default", label: "doc")))
            let id = try created.decode(WorkerSummary.self).workerId
            _ = try await check(.POST, "/v1/runtimes/{runtime_id}/workers", "/v1/runtimes/\(r)/workers", body: Data("{".utf8))
            _ = try await check(.GET, "/v1/runtimes/{runtime_id}/workers", "/v1/runtimes/\(r)/workers?limit=5")
            _ = try await check(.GET, w, "/v1/runtimes/\(r)/workers/\(id)")
            _ = try await check(.GET, w, "/v1/runtimes/\(r)/workers/missing")
            _ = try await check(.POST, "\(w)/input", "/v1/runtimes/\(r)/workers/\(id)/input", body: ServerHarness.json(InputBody(text: "hi")))
            _ = try await check(.POST, "\(w)/input", "/v1/runtimes/\(r)/workers/\(id)/input", body: ServerHarness.json(InputBody(text: "again")))
            await h.backend.replyToLast("there")
            _ = try await check(.GET, "\(w)/transcript", "/v1/runtimes/\(r)/workers/\(id)/transcript?start=0&limit=10")
            _ = try await check(.GET, "\(w)/transcript", "/v1/runtimes/\(r)/workers/\(id)/transcript?tail=1")
            _ = try await check(.GET, "\(w)/transcript", "/v1/runtimes/\(r)/workers/\(id)/transcript?tail=1&limit=2")
            _ = try await check(.POST, "\(w)/input", "/v1/runtimes/\(r)/workers/\(id)/input", body: ServerHarness.json(InputBody(text: " ")))
            _ = try await check(.POST, "\(w)/rename", "/v1/runtimes/\(r)/workers/\(id)/rename", body: ServerHarness.json(RenameBody(label: "renamed")))
            _ = try await check(.POST, "\(w)/rename", "/v1/runtimes/\(r)/workers/\(id)/rename", body: ServerHarness.json(RenameBody(label: " / ")))
            _ = try await check(.POST, "\(w)/rename", "/v1/runtimes/\(r)/workers/missing/rename", body: ServerHarness.json(RenameBody(label: "x")))
            _ = try await check(.POST, "\(w)/archive", "/v1/runtimes/\(r)/workers/\(id)/archive")
            _ = try await check(.POST, "\(w)/unarchive", "/v1/runtimes/\(r)/workers/\(id)/unarchive")
            _ = try await check(.POST, "\(w)/archive", "/v1/runtimes/\(r)/workers/missing/archive")
            _ = try await check(.POST, "\(w)/fork", "/v1/runtimes/\(r)/workers/\(id)/fork", body: ServerHarness.json(ForkBody(at: 1)))
            _ = try await check(.POST, "\(w)/fork", "/v1/runtimes/\(r)/workers/\(id)/fork", body: ServerHarness.json(ForkBody(at: 99)))
            _ = try await check(.POST, "\(w)/fork", "/v1/runtimes/\(r)/workers/missing/fork", body: ServerHarness.json(ForkBody()))
            _ = try await check(.GET, "\(w)/diff", "/v1/runtimes/\(r)/workers/\(id)/diff")
            _ = try await check(.GET, "\(w)/diff", "/v1/runtimes/\(r)/workers/missing/diff")
            _ = try await check(.GET, "\(w)/diff", "/v1/runtimes/\(r)/workers/\(id)/diff?context=3")
            _ = try await check(.GET, "/v1/runtimes/{runtime_id}/events", "/v1/runtimes/\(r)/events?from=1&limit=3")
            let search = "/v1/runtimes/{runtime_id}/search"
            let found = try await check(.GET, search, "/v1/runtimes/\(r)/search?q=hi&limit=5")
            #expect(try found.decode(SearchPage.self).matches.isEmpty == false)
            _ = try await check(.GET, search, "/v1/runtimes/\(r)/search?q=%22again%22%20NEAR(")
            _ = try await check(.GET, search, "/v1/runtimes/\(r)/search?q=%2A%2A")
            _ = try await check(.GET, search, "/v1/runtimes/\(r)/search")
            _ = try await check(.GET, search, "/v1/runtimes/\(r)/search?q=x&limit=201")
            _ = try await check(.GET, search, "/v1/runtimes/\(r)/search?q=x&lmit=2")
            _ = try await check(.GET, search, "/v1/runtimes/nowhere/search?q=x")
            _ = try await check(.GET, "/v1/runtimes/{runtime_id}/events", "/v1/runtimes/\(r)/events?limit=x")
            // On an idle worker, interrupt and reconnect are refused by its state (409).
            for action in ["interrupt", "reconnect", "stop", "cancel"] {
                _ = try await check(.POST, "\(w)/\(action)", "/v1/runtimes/\(r)/workers/\(id)/\(action)")
            }
            _ = try await check(.POST, "/v1/runtimes/{runtime_id}/reconnect-stale", "/v1/runtimes/\(r)/reconnect-stale")
            // Another worker is deleted: the stream below reads the first one's events.
            let doomed = try await check(.POST, "/v1/runtimes/{runtime_id}/workers", "/v1/runtimes/\(r)/workers",
                                         body: ServerHarness.json(CreateWorkerBody(profile: "default")))
            let doomedId = try doomed.decode(WorkerSummary.self).workerId
            _ = try await check(.DELETE, w, "/v1/runtimes/\(r)/workers/\(doomedId)")
            _ = try await check(.DELETE, w, "/v1/runtimes/\(r)/workers/\(doomedId)")

            // The stream's payloads match their documented schemas too.
            var (_, stream) = try await h.openStream(query: "?from=1")
            let messages = try await stream.read { if case .event(let e) = $0 { return e.kind == "worker_stopped" } else { return false } }
            for message in messages {
                let schema = switch message.kind {
                case .hello: "StreamHello"
                case .event: "RuntimeEvent"
                case .live: "LiveUpdate"
                case .lagged: "StreamLagged"
                }
                try checker.check(json: Data(message.data().utf8), against: ["$ref": "#/components/schemas/\(schema)"], what: schema)
            }
            #expect(checker.checked >= 20)
        }
    }
}

extension OpenAPIDocumentTests {
    /// Query bounds in the document are the ones the server enforces.
    @Test func documentedQueryBoundsAreTheServers() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: Any])
        let transcript = try #require((paths["/v1/runtimes/{runtime_id}/workers/{worker_id}/transcript"] as? [String: Any])?["get"] as? [String: Any])
        let transcriptParameters = try #require(transcript["parameters"] as? [[String: Any]])
        let page = try #require(transcriptParameters.first(where: { $0["name"] as? String == "page" }))
        let variants = try #require((page["schema"] as? [String: Any])?["oneOf"] as? [[String: Any]])
        let properties = variants.compactMap { $0["properties"] as? [String: Any] }
        let tails = properties.compactMap { $0["tail"] as? [String: Any] }, limits = properties.compactMap { $0["limit"] as? [String: Any] }
        let tail = try #require(tails.first)
        #expect(tail["maximum"] as? Int == APIContract.maxTranscriptPage)
        let limit = try #require(limits.first)
        #expect(limit["maximum"] as? Int == APIContract.maxTranscriptPage)
        #expect(APIFailure.BadRequest.pageLimit.rawValue.hasSuffix("to \(APIContract.maxTranscriptPage)"))
        #expect(APIFailure.BadRequest.tail.rawValue.hasSuffix("to \(APIContract.maxTranscriptPage)"))
        let events = try #require((paths["/v1/runtimes/{runtime_id}/events"] as? [String: Any])?["get"] as? [String: Any])
        let eventParameters = try #require(events["parameters"] as? [[String: Any]])
        let from = try #require(eventParameters.first(where: { $0["name"] as? String == "from" }))
        let largest = try #require((from["schema"] as? [String: Any])?["maximum"] as? Int64)
        #expect(RequestDecoding.parseNumber(String(largest)) == largest)
        #expect(RequestDecoding.parseNumber(String(largest + 1)) == nil)
    }

    /// The input schemas exclude what the server refuses as blank, so a
    /// client (or a fuzzer) that keeps to the document is not refused.
    @Test func blankInputIsOutsideTheDocumentedSchemas() throws {
        let schemas = try #require((try Self.document()["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for (schema, field) in [("InputBody", "text"), ("CreateWorkerBody", "input"), ("RenameBody", "label")] {
            let property = try #require(((schemas[schema] as? [String: Any])?["properties"] as? [String: Any])?[field] as? [String: Any])
            let pattern = try NSRegularExpression(pattern: try #require(property["pattern"] as? String))
            let minLength = try #require(property["minLength"] as? Int)
            func allowed(_ text: String) -> Bool {
                text.count >= minLength && pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
            }
            for blank in ["", " ", "\t\n ", "\u{3000}"] { #expect(!allowed(blank), "\(schema).\(field) allows \(blank.debugDescription)") }
            for text in ["x", " hi ", "\n."] { #expect(allowed(text), "\(schema).\(field) refuses \(text.debugDescription)") }
        }
    }
}

/// Checks a JSON answer's top-level properties against the document: no
/// property the schema lacks, every required one present.
final class DocumentChecker: @unchecked Sendable {
    let document: [String: Any]
    private(set) var checked = 0

    init(_ document: [String: Any]) { self.document = document }

    func check(method: String, path: String, reply: ServerHarness.Reply) throws {
        let paths = try #require(document["paths"] as? [String: Any])
        let operation = try #require((paths[path] as? [String: Any])?[method] as? [String: Any], "\(method) \(path) undocumented")
        let responses = try #require(operation["responses"] as? [String: Any])
        let response = try #require(resolve(responses[String(reply.status)]), "\(method) \(path): status \(reply.status) undocumented")
        guard let content = response["content"] as? [String: Any] else {
            #expect(reply.body.isEmpty, "\(method) \(path) \(reply.status) documents no body")
            return
        }
        let media = try #require(content["application/json"] as? [String: Any])
        try check(json: reply.body, against: try #require(media["schema"] as? [String: Any]), what: "\(method) \(path) \(reply.status)")
    }

    func check(json: Data, against schema: [String: Any], what: String) throws {
        let value = try JSONSerialization.jsonObject(with: json)
        let schema = try #require(resolve(schema))
        if schema["type"] as? String == "array" {
            let items = try #require(resolve(schema["items"]))
            for element in try #require(value as? [Any]) { try checkObject(element, items, what) }
        } else {
            try checkObject(value, schema, what)
        }
        checked += 1
    }

    private func checkObject(_ value: Any, _ schema: [String: Any], _ what: String) throws {
        let object = try #require(value as? [String: Any], "\(what): not an object")
        let properties = Set((schema["properties"] as? [String: Any] ?? [:]).keys)
        let required = Set(schema["required"] as? [String] ?? [])
        #expect(Set(object.keys).subtracting(properties).isEmpty, "\(what): undocumented \(Set(object.keys).subtracting(properties))")
        #expect(required.subtracting(object.keys).isEmpty, "\(what): missing \(required.subtracting(object.keys))")
    }

    private func resolve(_ node: Any?) -> [String: Any]? {
        guard let node = node as? [String: Any] else { return nil }
        guard let ref = node["$ref"] as? String else { return node }
        var current: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let next = (current as? [String: Any])?[String(part)] else { return nil }
            current = next
        }
        return resolve(current)
    }
}
