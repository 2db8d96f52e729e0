/// A credential value. Every way of printing it — `description`,
/// `debugDescription`, string interpolation, `Mirror` (so `dump` and
/// `print(someStruct)`), and `Encodable` — yields `<redacted>`. The value is
/// reachable only inside `Providers`, through `withValue`, when a request
/// header is built.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable, Encodable
{
    private let value: String

    init(_ value: String) {
        self.value = value
    }

    public static let redacted = "<redacted>"

    public var description: String { Self.redacted }
    public var debugDescription: String { Self.redacted }
    public var customMirror: Mirror { Mirror(self, children: ["value": Self.redacted], displayStyle: .struct) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Self.redacted)
    }

    /// The raw value, for building a request header only.
    public func withValue<T>(_ body: (String) throws -> T) rethrows -> T {
        try body(value)
    }

    var isEmpty: Bool { value.isEmpty }
}

extension DefaultStringInterpolation {
    /// `"\(secret)"` prints `<redacted>`; this overload only makes that explicit.
    public mutating func appendInterpolation(_ secret: Secret) {
        appendLiteral(Secret.redacted)
    }
}
