import Foundation
import Runtime
import Testing
import TestSupport

@Suite struct BundleTests {
    static func sample(
        profiles: [ConfigBundle.ProfileDeclaration] = [.init(selector: "default", label: "Default")],
        declarations: [ConfigBundle.Declaration] = [
            .init(kind: .secretRef, name: "openai", reference: "secret:openai-key"),
            .init(kind: .networkPolicy, name: "egress", reference: "network:provider-only"),
        ]
    ) -> ConfigBundle {
        ConfigBundle(
            metadata: .init(id: "team-bundle", digest: "", revision: 1, workspaceId: "proj-0123456789ab",
                            createdAt: fixedDate, provenance: "operator"),
            profiles: profiles, declarations: declarations
        ).sealed()
    }

    @Test func digestIsSha256OverSortedCanonicalLines() throws {
        let bundle = Self.sample()
        #expect(bundle.computedDigest.count == 64)
        #expect(bundle.computedDigest.allSatisfy { $0.isHexDigit && !$0.isUppercase })
        // Order of facts does not matter; content does; the creation time is not a fact.
        let reordered = Self.sample(declarations: Self.sample().declarations.reversed())
        #expect(reordered.computedDigest == bundle.computedDigest)
        var later = bundle
        later.metadata.createdAt = fixedDate.addingTimeInterval(60)
        #expect(later.computedDigest == bundle.computedDigest)
        var changed = bundle
        changed.declarations[0].reference = "secret:other"
        #expect(changed.computedDigest != bundle.computedDigest)
        // A known value pins the canonical form (any change to it must be deliberate).
        let minimal = ConfigBundle(
            metadata: .init(id: "b", digest: "", revision: 1, workspaceId: "w", createdAt: fixedDate, provenance: "p"),
            profiles: [.init(selector: "default")], declarations: []
        )
        #expect(minimal.canonicalLines.sorted() == [
            "bundle.id=b", "bundle.provenance=p", "bundle.revision=1", "bundle.workspace_id=w", "profile=default\u{1F}",
        ])
        try bundle.validate()
    }

    @Test func validationRejectsEachBadFact() {
        func error(_ bundle: ConfigBundle) -> RuntimeError? {
            do { try bundle.validate(); return nil } catch { return error }
        }
        var unsealed = Self.sample()
        unsealed.metadata.digest = String(repeating: "0", count: 64)
        #expect(error(unsealed) == .configBundleDigestMismatch)

        var badId = Self.sample()
        badId.metadata.id = "-starts-with-dash"
        #expect(error(badId.sealed())?.code == "invalid_request")

        #expect(error(Self.sample(profiles: [.init(selector: "has space")]))?.code == "invalid_profile_selector")
        #expect(error(Self.sample(profiles: []))?.code == "invalid_profile_selector")
        #expect(error(Self.sample(declarations: [.init(kind: "teleport", name: "x", reference: "secret:x")]))
            == .unsupportedConfigDeclaration(kind: "teleport"))
        #expect(error(Self.sample(declarations: [.init(kind: .secretRef, name: "k", reference: "openai-key")]))?.code == "invalid_request")
        #expect(error(Self.sample(declarations: [.init(kind: .mountGrant, name: "m", reference: "secret:x")]))?.code == "invalid_request")
        #expect(error(Self.sample(declarations: [.init(kind: .mountGrant, name: "m", reference: "mount:/home/dev")]))?.code == "invalid_request")
        #expect(error(Self.sample(declarations: [.init(kind: .mountGrant, name: "m", reference: "mount:~/src")]))?.code == "invalid_request")
        #expect(error(Self.sample(declarations: [.init(kind: .shellPolicy, name: "s", reference: "shell:agent.sock")]))?.code == "invalid_request")
        #expect(error(Self.sample(declarations: [.init(kind: .gitPolicy, name: "g", reference: "git:a/sessions/b")]))?.code == "invalid_request")
        #expect(error(Self.sample(declarations: [.init(kind: .capabilityGrant, name: "c", reference: "capability:x\u{1B}[2J")]))?.code == "invalid_request")
        // Plaintext secrets in any fact.
        #expect(error(Self.sample(declarations: [.init(kind: .secretRef, name: "k", reference: "secret:sk-abcdefghijklmnopqrstuv")]))?.code == "invalid_request")
        #expect(error(Self.sample(declarations: [.init(kind: .secretRef, name: "k", reference: "secret:token=hunter2")]))?.code == "invalid_request")
        #expect(error(Self.sample(declarations: [.init(kind: .secretRef, name: "k", reference: "secret:" + String(repeating: "ab12", count: 10))]))?.code == "invalid_request")
        // Ordinary names with key-like fragments are fine.
        #expect(error(Self.sample(declarations: [.init(kind: .capabilityGrant, name: "task-runner", reference: "capability:task-runner")])) == nil)
    }

    @Test func defaultBundleIsCreatedOnFirstUseAndReused() async throws {
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store)
        _ = try await runtime.createWorker(profile: "default")
        _ = try await runtime.createWorker(profile: "default")
        let bundles = try store.load().bundles
        #expect(bundles.count == 1)
        let bundle = try #require(bundles.first)
        #expect(bundle.metadata.id == "workspace-runtime-default")
        #expect(bundle.metadata.workspaceId == "proj-0123456789ab")
        #expect(bundle.profiles == [.init(selector: "default")])
        #expect(bundle.declarations.isEmpty)
        try bundle.validate()
    }

    @Test func storeBundleValidatesFirst() async throws {
        let store = MemoryStore()
        let runtime = try makeRuntime(store: store)
        var bad = Self.sample()
        bad.metadata.digest = "abc"
        #expect(await runtimeError { try await runtime.storeBundle(bad) } == .configBundleDigestMismatch)
        #expect(try store.load().bundles.isEmpty)
        try await runtime.storeBundle(Self.sample())
        #expect(try store.load().bundles == [Self.sample()])
    }
}
