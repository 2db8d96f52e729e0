import Crypto
import Foundation
import Runtime

/// Worker ids for legacy records.
public enum LegacyWorkerIdentity {
    /// Longest id, in characters.
    public static let maxLength = 120

    /// `local-` + slug(name) + `-` + the first 16 hex digits of SHA-256 of
    /// the name's UTF-8; the slug is shortened so the id has ≤ 120
    /// characters. Equal names give equal ids; the digest keeps names that
    /// slug alike (`A b`, `a-b`) apart.
    public static func workerId(forName name: String) -> WorkerId {
        let digest = SHA256.hash(data: Data(name.utf8))
        let hex = digest.prefix(8).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        let room = maxLength - "local-".count - 1 - hex.count
        let raw = "local-" + String(LegacyText.slug(name).prefix(room)) + "-" + hex
        guard let id = WorkerId(rawValue: raw) else {
            preconditionFailure("legacy worker ids are built from [a-z0-9_-] only")
        }
        return id
    }
}
