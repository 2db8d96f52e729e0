import Foundation

/// An operator's search text, made safe: the words to look for, never
/// FTS5 syntax.
///
/// Why words and not the text as given: FTS5 reads `"`, `*`, `:`, `^`,
/// `(`, `NEAR`, `AND`/`OR`/`NOT` and column filters as syntax, and a stray
/// one is a SQL error at `MATCH` time. Text from a user is untrusted, so it
/// is split into words here and each word is quoted (`ftsExpression`); what
/// reaches SQLite is always a well-formed conjunction of quoted words.
public struct SearchQuery: Hashable, Sendable {
    /// Words longer than this are cut; more words than `maxTerms` are dropped
    /// (a query is typed by a person, and each term is one doclist to merge).
    public static let maxTermLength = 64
    public static let maxTerms = 8

    /// Lowercased words, each with at least one letter or digit, in order,
    /// without repeats.
    public let terms: [String]

    /// Throws `invalidRequest` when no word remains (blank text, or only
    /// punctuation and control characters).
    public init(_ text: String) throws(RuntimeError) {
        var terms: [String] = []
        // A word is a run of letters, digits, marks and connector
        // punctuation, the same split FTS5's unicode61 tokenizer makes, so a
        // quoted term is one token there and a substring in `matches`.
        var word = ""
        func flush() {
            defer { word = "" }
            guard !word.isEmpty, terms.count < Self.maxTerms else { return }
            let term = String(word.lowercased().prefix(Self.maxTermLength))
            if !terms.contains(term) { terms.append(term) }
        }
        for scalar in text.unicodeScalars {
            if Self.isWordScalar(scalar) { word.unicodeScalars.append(scalar) } else { flush() }
        }
        flush()
        guard !terms.isEmpty else { throw .invalidRequest("search needs a word with a letter or digit") }
        self.terms = terms
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        return p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
            || p.generalCategory == .spacingMark
    }

    /// The FTS5 MATCH expression: every term a quoted whole word, all
    /// required. A term holds no `"` (it is letters and digits), but quotes
    /// are still doubled, so the quoting never depends on the split above.
    ///
    /// Whole words, not prefixes (`"term"*`): without a prefix index FTS5
    /// reads and merges the whole doclist of every word a prefix covers
    /// before it can return the newest match, which took B15's p99 over a
    /// million entries to 79 ms (156 ms worst); a whole word's doclist is
    /// walked from its newest end and stops at `LIMIT`.
    public var ftsExpression: String {
        terms.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " AND ")
    }

    /// The substring test of the stores that have no index (MemoryStore,
    /// local-compat): every term somewhere in `content`, case-insensitively.
    public func matches(_ content: String) -> Bool {
        let lowered = content.lowercased()
        return terms.allSatisfy { lowered.contains($0) }
    }

    /// A short excerpt of `content` around the first term, on one line,
    /// for stores without FTS5's `snippet()`. Verbatim text: whoever draws
    /// it sanitises it.
    public func snippet(of content: String, width: Int = TranscriptMatch.snippetWidth) -> String {
        let flat = content.split(whereSeparator: \.isNewline).joined(separator: " ")
        let lowered = flat.lowercased()
        guard let range = terms.lazy.compactMap({ lowered.range(of: $0) }).first,
              lowered.count == flat.count else {
            return String(flat.prefix(width))
        }
        let offset = lowered.distance(from: lowered.startIndex, to: range.lowerBound)
        let start = max(0, offset - width / 3)
        let characters = Array(flat)
        let end = min(characters.count, start + width)
        return (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
    }
}

/// One transcript entry a search found.
public struct TranscriptMatch: Hashable, Sendable, Codable {
    /// About how many characters of context a snippet carries.
    public static let snippetWidth = 80

    public var ref: WorkerRef
    public var sequence: Int
    public var role: TranscriptRole
    public var kind: TranscriptKind
    /// Verbatim excerpt around the match; sanitised where it is drawn.
    public var snippet: String
    public var createdAt: Date

    public init(ref: WorkerRef, sequence: Int, role: TranscriptRole, kind: TranscriptKind, snippet: String, createdAt: Date) {
        self.ref = ref
        self.sequence = sequence
        self.role = role
        self.kind = kind
        self.snippet = snippet
        self.createdAt = createdAt
    }
}
