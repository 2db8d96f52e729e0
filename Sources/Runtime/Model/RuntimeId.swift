import Foundation

/// The identity of one runtime. Non-blank; the embedded runtime is `backend-internal`.
public struct RuntimeId: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Fails for a blank string: a runtime id must name something.
    public init?(rawValue: String) {
        guard !rawValue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        self.rawValue = rawValue
    }

    /// For ids written in code; a blank literal is a programmer error.
    public init(_ literal: StaticString) {
        let value = "\(literal)"
        precondition(!value.trimmingCharacters(in: .whitespaces).isEmpty, "blank runtime id")
        self.rawValue = value
    }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let id = RuntimeId(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "blank runtime id"))
        }
        self = id
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// The embedded runtime registered in the console.
    public static let embedded = RuntimeId("backend-internal")
}
