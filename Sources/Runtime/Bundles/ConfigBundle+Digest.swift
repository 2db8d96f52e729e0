import Crypto
import Foundation

extension ConfigBundle {
    /// The canonical lines of the bundle's facts: identity, revision, workspace,
    /// provenance, each profile and each declaration. The digest and the
    /// creation time are not facts (the digest covers the facts; the time is
    /// when, not what).
    public var canonicalLines: [String] {
        var lines = [
            "bundle.id=\(metadata.id)",
            "bundle.revision=\(metadata.revision)",
            "bundle.workspace_id=\(metadata.workspaceId)",
            "bundle.provenance=\(metadata.provenance)",
        ]
        for profile in profiles {
            lines.append("profile=\(profile.selector)\u{1F}\(profile.label ?? "")")
        }
        for declaration in declarations {
            lines.append("declaration=\(declaration.kind)\u{1F}\(declaration.name)\u{1F}\(declaration.reference)")
        }
        return lines
    }

    /// SHA-256, lowercase hex, over the sorted canonical lines joined by `\n`.
    /// Order of profiles or declarations in the value does not change it.
    public var computedDigest: String {
        let text = canonicalLines.sorted().joined(separator: "\n")
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Returns the bundle with `metadata.digest` set to its computed digest.
    public func sealed() -> ConfigBundle {
        var copy = self
        copy.metadata.digest = computedDigest
        return copy
    }

    /// The bundle created on first use when `createWorker` names none:
    /// `workspace-runtime-<profile>`, declaring just that profile.
    public static func workspaceDefault(profile: String, workspaceId: String, createdAt: Date) -> ConfigBundle {
        ConfigBundle(
            metadata: Metadata(
                id: "workspace-runtime-\(profile)", digest: "", revision: 1,
                workspaceId: workspaceId, createdAt: createdAt, provenance: "workspace-default"
            ),
            profiles: [ProfileDeclaration(selector: profile)],
            declarations: []
        ).sealed()
    }
}
