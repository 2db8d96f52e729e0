/// `provider/model`: the provider is everything before the first `/`; the
/// model may itself hold slashes (`openrouter/meta-llama/llama-3`).
struct ModelName: Hashable, Sendable {
    var provider: String
    var model: String

    init?(_ text: String) {
        guard let slash = text.firstIndex(of: "/") else { return nil }
        provider = String(text[..<slash])
        model = String(text[text.index(after: slash)...])
        guard !provider.isEmpty, !model.isEmpty, !model.contains(where: \.isWhitespace) else { return nil }
    }

    init(provider: String, model: String) {
        self.provider = provider
        self.model = model
    }

    var display: String { "\(provider)/\(model)" }
}
