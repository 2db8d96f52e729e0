import Foundation

/// A model's price (`[prices."provider/model"]`), per million tokens.
public struct TokenPrice: Hashable, Sendable {
    public var inputPerMTok: Double
    public var outputPerMTok: Double

    public init(inputPerMTok: Double, outputPerMTok: Double) {
        self.inputPerMTok = inputPerMTok; self.outputPerMTok = outputPerMTok
    }

    public func cost(input: Int, output: Int) -> Double {
        (Double(input) * inputPerMTok + Double(output) * outputPerMTok) / 1_000_000
    }
}

/// Token counts and costs as the panes show them: `12.3k/4.5k`, `$0.02`.
public enum TokenFormat {
    /// `950`, `12.3k`, `4.5M`: at most five columns for counts below 1000M;
    /// tenths rounded half up. Integer arithmetic: `String(format:)` went
    /// through CoreFoundation on every frame (a third of the runtimes pane).
    public static func count(_ n: Int) -> String {
        if n < 1000 { return String(n) }
        let (unit, suffix) = n < 1_000_000 ? (1000, "k") : (1_000_000, "M")
        let tenths = (n * 10 + unit / 2) / unit
        if tenths < 1000 { return String(tenths / 10) + "." + String(tenths % 10) + suffix }
        return String((n + unit / 2) / unit) + suffix
    }

    /// `in/out`.
    public static func pair(input: Int, output: Int) -> String { count(input) + "/" + count(output) }

    /// Dollars: cents, or four decimals below a cent.
    public static func cost(_ dollars: Double) -> String {
        String(format: dollars > 0 && dollars < 0.01 ? "$%.4f" : "$%.2f", dollars)
    }
}

extension AppState {
    /// The worker's cost when its model has a price; nil otherwise.
    public func cost(of w: WorkerRow) -> Double? {
        guard let model = w.model, let price = prices[model] else { return nil }
        return price.cost(input: w.inputTokens, output: w.outputTokens)
    }

    /// Tokens in and out of a runtime's workers (all runtimes: nil), and
    /// their cost when any of them has a price.
    public func totals(runtime id: String?) -> (input: Int, output: Int, cost: Double?) {
        var input = 0, output = 0
        var cost: Double?
        for w in workers where id == nil || w.key.runtimeId == id {
            input += w.inputTokens
            output += w.outputTokens
            if let c = self.cost(of: w) { cost = (cost ?? 0) + c }
        }
        return (input, output, cost)
    }
}
