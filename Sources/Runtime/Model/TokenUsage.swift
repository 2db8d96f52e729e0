/// Token counts reported by a provider for a turn, or summed for a worker.
public struct TokenUsage: Hashable, Sendable, Codable {
    public var input: Int
    public var output: Int
    public var cached: Int

    public init(input: Int = 0, output: Int = 0, cached: Int = 0) {
        self.input = input
        self.output = output
        self.cached = cached
    }

    public static let zero = TokenUsage()

    public static func + (lhs: TokenUsage, rhs: TokenUsage) -> TokenUsage {
        TokenUsage(input: lhs.input + rhs.input, output: lhs.output + rhs.output, cached: lhs.cached + rhs.cached)
    }
}
