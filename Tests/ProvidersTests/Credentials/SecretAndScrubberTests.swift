import Foundation
import Testing
@testable import Providers

@Suite struct SecretTests {
    let secret = Secret("sk-planted-0123456789abcdefXYZ")

    @Test func everyPrintingPathIsRedacted() throws {
        #expect(secret.description == "<redacted>")
        #expect(secret.debugDescription == "<redacted>")
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("planted"))
        struct Holder: Encodable { var key: Secret }
        let json = String(decoding: try JSONEncoder().encode(Holder(key: secret)), as: UTF8.self)
        #expect(json == #"{"key":"<redacted>"}"#)
        #expect(!"\(Holder(key: secret))".contains("planted"))
        #expect(Mirror(reflecting: secret).children.allSatisfy { "\($0.value)" == "<redacted>" })
    }

    @Test func valueIsReachableForHeadersOnly() {
        #expect(secret.withValue { $0 } == "sk-planted-0123456789abcdefXYZ")
    }
}

@Suite struct ScrubberTests {
    @Test(arguments: [
        ("Incorrect API key provided: sk-proj-AbCdEf123456.", "Incorrect API key provided: <redacted>."),
        ("Authorization: Bearer abc.def-ghi", "Authorization: Bearer <redacted>"),
        ("x-api-key: hunter2hunter2", "x-api-key: <redacted>"),
        ("GET https://api.example.com/v1/chat?key=AIzaSyA&alt=sse failed", "GET https://api.example.com/v1/chat?<redacted> failed"),
        ("api_key=supersecret&x=1", "api_key=<redacted>&x=1"),
        (#"{"token": "abc123"}"#, #"{"token": "<redacted>"}"#),
        ("hash 0123456789abcdef0123456789abcdef end", "hash <redacted> end"),
        ("b64 QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo= end", "b64 <redacted> end"),
        ("model claude-3-5-haiku-latest not found", "model claude-3-5-haiku-latest not found"),
        ("HTTP 429 (rate_limit_exceeded): slow down", "HTTP 429 (rate_limit_exceeded): slow down"),
        ("line\u{1B}[31mred\nnext", "line [31mred next"),
    ])
    func scrubs(input: String, expected: String) {
        #expect(Scrubber.scrub(input) == expected)
    }

    @Test func providerErrorsAreScrubbedByConstruction() {
        let error = ProviderError(.http, "openai: HTTP 401: Bearer sk-live-0123456789abcdef token=abc", status: 401)
        #expect(error.message == "openai: HTTP 401: Bearer <redacted> token=<redacted>")
        #expect(error.description == error.message)
        #expect("\(error)" == error.message)
        #expect(error.status == 401)
        #expect(error.code.exitCode == 4)
    }

    @Test func capsAt512Characters() {
        let long = String(repeating: "word ", count: 400)
        let scrubbed = Scrubber.scrub(long)
        #expect(scrubbed.count == 512)
        #expect(scrubbed.hasSuffix("…"))
    }

    @Test func plantedKeysNeverSurviveInRandomText() {
        var generator = SplitMix64(seed: 42)
        let words = ["error", "the", "request", "failed:", "key", "token", "=", ":", "Bearer", "x-api-key", "https://h.io/p?q=1",
                     "quota", "(429)", "{", "}", "\"", ",", "\n", "é", "🦊"]
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
        for _ in 0..<2000 {
            let body = String((0..<32).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let keys = ["sk-" + body, "sk-ant-api03-" + body, body, "Bearer " + body, "token=" + body, "x-api-key: " + body,
                        "https://h.io/x?api_key=" + body]
            let key = keys[Int(generator.next() % UInt64(keys.count))]
            var parts = (0..<Int(generator.next() % 30)).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            parts.insert(key, at: Int(generator.next() % UInt64(parts.count + 1)))
            let separator = generator.next() % 2 == 0 ? " " : ""
            let text = parts.joined(separator: separator)
            let scrubbed = Scrubber.scrub(text)
            #expect(!scrubbed.contains(body), "leaked in: \(text)")
            #expect(!scrubbed.contains(String(body.prefix(12))), "partly leaked in: \(text)")
        }
    }
}

/// A small deterministic generator for fuzz-style loops.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49EB_133B_2111
        return z ^ (z >> 31)
    }
}
