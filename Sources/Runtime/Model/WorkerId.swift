import Foundation

/// A worker id minted by the runtime: `worker-` + 8 lowercase hex digits of a
/// per-runtime sequence that starts at 1, is persisted, and never reuses a value.
public struct WorkerId: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts any id text that is non-blank; minted ids come from `init(sequence:)`.
    /// Foreign sources (e.g. local compatibility) have their own id shapes.
    public init?(rawValue: String) {
        guard !rawValue.isEmpty, rawValue.count <= 128,
              rawValue.unicodeScalars.allSatisfy({ WorkerId.allowed.contains($0) })
        else { return nil }
        self.rawValue = rawValue
    }

    /// The minted id for a sequence number (1 … 0xffff_ffff).
    public init(sequence: UInt32) {
        precondition(sequence >= 1, "worker sequences start at 1")
        let hex = String(sequence, radix: 16)
        self.rawValue = "worker-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// The sequence number of a minted id, or nil for any other shape.
    public var sequence: UInt32? {
        guard rawValue.hasPrefix("worker-") else { return nil }
        let hex = rawValue.dropFirst("worker-".count)
        guard hex.count == 8, hex.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        return UInt32(hex, radix: 16)
    }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let id = WorkerId(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "invalid worker id"))
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: WorkerId, rhs: WorkerId) -> Bool {
        switch (lhs.sequence, rhs.sequence) {
        case let (l?, r?): return l < r
        default: return lhs.rawValue < rhs.rawValue
        }
    }

    public var description: String { rawValue }

    private static let allowed: Set<Unicode.Scalar> = Set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:-.".unicodeScalars
    )
}
