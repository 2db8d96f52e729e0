import Foundation
import Runtime

/// Where a provider's credential comes from. A reference, never a value:
/// it may be printed, logged and shown by `doctor`.
public enum AuthReference: Hashable, Sendable, CustomStringConvertible {
    /// An environment variable holding the key.
    case env(String)
    /// A file holding the key (surrounding whitespace trimmed). It must not
    /// be readable by group or others.
    case file(String)
    /// No credential (local servers).
    case none

    /// `env`, `file` or `none`.
    public var kind: String {
        switch self {
        case .env: "env"
        case .file: "file"
        case .none: "none"
        }
    }

    /// What names the reference in messages: the variable name, or the
    /// file's last path component (never its directory, which may be private).
    public var referenceName: String? {
        switch self {
        case let .env(name): name
        case let .file(path): URL(fileURLWithPath: path).lastPathComponent
        case .none: nil
        }
    }

    /// Reads `{ env = "NAME" }`, `{ file = "PATH" }` or `"none"`; nil for
    /// anything else (the caller names the key in its error).
    public init?(config value: ConfigValue) {
        if value.string == "none" { self = .none; return }
        guard let table = value.table, table.count == 1 else { return nil }
        if let name = table["env"]?.string, !name.isEmpty { self = .env(name); return }
        if let path = table["file"]?.string, !path.isEmpty { self = .file(path); return }
        return nil
    }

    public var description: String {
        switch self {
        case let .env(name): "env \(name)"
        case .file: "file \(referenceName ?? "")"
        case .none: "none"
        }
    }
}

/// Resolves credential references at request time. Errors name the
/// reference, never a value.
public struct CredentialResolver: Sendable {
    let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// The secret for `reference`; nil for `.none`.
    public func resolve(_ reference: AuthReference) throws(ProviderError) -> Secret? {
        switch reference {
        case .none:
            return nil
        case let .env(name):
            guard let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw ProviderError(.credential, "env \(name) is not set")
            }
            return Secret(value)
        case let .file(path):
            return try KeyFile.read(path, reference: reference)
        }
    }

    /// Whether `reference` resolves now, and why not.
    func check(_ reference: AuthReference) -> Result<Void, ProviderError> {
        do throws(ProviderError) {
            _ = try resolve(reference)
            return .success(())
        } catch {
            return .failure(error)
        }
    }
}
