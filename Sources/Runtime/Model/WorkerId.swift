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
    /// Parsed from the UTF-8 bytes: ids are compared (and so parsed) many
    /// times when a large catalog is sorted.
    public var sequence: UInt32? {
        let bytes = rawValue.utf8
        guard bytes.count == 15, bytes.starts(with: "worker-".utf8) else { return nil }
        var value: UInt32 = 0
        for byte in bytes.dropFirst(7) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt32(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return value
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
