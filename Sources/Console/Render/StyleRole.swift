/// A named style role, dotted lowercase (`status.busy`, `border.focused`).
/// Panes draw with roles only; the theme resolves them to colours.
public struct StyleRole: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }
    public init(stringLiteral value: String) { self.name = value }

    public var description: String { name }

    /// The fallback chain: `status.busy` → `status` → `text`.
    public var fallbackChain: [String] {
        var chain: [String] = []
        var current = Substring(name)
        while !current.isEmpty {
            chain.append(String(current))
            guard let dot = current.lastIndex(of: ".") else { break }
            current = current[current.startIndex..<dot]
        }
        if chain.last != "text" { chain.append("text") }
        return chain
    }

    public static let text: StyleRole = "text"
}
