/// Identifier rules applied before any lookup.
public enum Identifiers {
    public static let maxLength = 120

    /// 1…120 characters of `[A-Za-z0-9_:-]`.
    public static func isValid(_ text: String) -> Bool {
        guard (1...maxLength).contains(text.utf8.count) else { return false }
        return text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
        }
    }

    public static func check(_ text: String, _ kind: RegistryError.IdentifierKind) throws(RegistryError) {
        guard isValid(text) else { throw .invalidIdentifier(kind, value: String(text.prefix(maxLength))) }
    }
}
