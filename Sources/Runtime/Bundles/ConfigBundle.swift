import Foundation

/// A declarations-only config bundle. It must exist (stored, digest matching)
/// before a worker is created against it.
public struct ConfigBundle: Hashable, Sendable, Codable {
    public struct Metadata: Hashable, Sendable, Codable {
        public var id: String
        public var digest: String
        public var revision: Int
        public var workspaceId: String
        public var createdAt: Date
        public var provenance: String

        public init(id: String, digest: String, revision: Int, workspaceId: String, createdAt: Date, provenance: String) {
            self.id = id
            self.digest = digest
            self.revision = revision
            self.workspaceId = workspaceId
            self.createdAt = createdAt
            self.provenance = provenance
        }
    }

    public struct ProfileDeclaration: Hashable, Sendable, Codable {
        public var selector: String
        public var label: String?

        public init(selector: String, label: String? = nil) {
            self.selector = selector
            self.label = label
        }
    }

    public enum DeclarationKind: String, Hashable, Sendable, Codable, CaseIterable {
        case secretRef = "secret_ref"
        case mountGrant = "mount_grant"
        case networkPolicy = "network_policy"
        case shellPolicy = "shell_policy"
        case gitPolicy = "git_policy"
        case capabilityGrant = "capability_grant"

        /// The prefix a reference of this kind must carry.
        public var referencePrefix: String {
            switch self {
            case .secretRef: "secret:"
            case .mountGrant: "mount:"
            case .networkPolicy: "network:"
            case .shellPolicy: "shell:"
            case .gitPolicy: "git:"
            case .capabilityGrant: "capability:"
            }
        }
    }

    public struct Declaration: Hashable, Sendable, Codable {
        /// The raw kind text; validation rejects kinds outside `DeclarationKind`.
        public var kind: String
        public var name: String
        public var reference: String

        public init(kind: String, name: String, reference: String) {
            self.kind = kind
            self.name = name
            self.reference = reference
        }

        public init(kind: DeclarationKind, name: String, reference: String) {
            self.init(kind: kind.rawValue, name: name, reference: reference)
        }
    }

    public var metadata: Metadata
    public var profiles: [ProfileDeclaration]
    public var declarations: [Declaration]

    public init(metadata: Metadata, profiles: [ProfileDeclaration], declarations: [Declaration]) {
        self.metadata = metadata
        self.profiles = profiles
        self.declarations = declarations
    }

    public var ref: ConfigBundleRef { ConfigBundleRef(id: metadata.id, digest: metadata.digest) }

    public func declares(profile: String) -> Bool {
        profiles.contains { $0.selector == profile }
    }
}

/// Names a stored bundle and the digest the caller expects it to have.
public struct ConfigBundleRef: Hashable, Sendable, Codable {
    public var id: String
    public var digest: String

    public init(id: String, digest: String) {
        self.id = id
        self.digest = digest
    }
}
