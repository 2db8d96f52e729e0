/// A theme role name (`status.busy`, `border.focused`), held as a small
/// interned id so frames of cells stay plain integers.
///
/// Invariants: two roles are equal exactly when their names are; `name`
/// gives back the string it was made from. Past 65,535 distinct names
/// (only reachable with untrusted input) a new name becomes `text`.
public struct StyleRole: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let id: UInt16

    /// "text" is id 0: the fallback when the table is full.
    static let names = InternTable(capacity: Int(UInt16.max), seed: ["text"])

    public init(_ name: String) {
        id = Self.names.id(for: name).map { UInt16($0) } ?? 0
    }
    public init(stringLiteral value: String) { self.init(value) }

    public var name: String { Self.names.name(of: UInt32(id)) }
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

    public static let text = StyleRole(id: 0)
    private init(id: UInt16) { self.id = id }
}
