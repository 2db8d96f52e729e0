import Foundation

/// Operator labels: display only, never an authority.
public enum WorkerLabel {
    public static let maxLength = 80

    /// Removes control and format characters (Unicode Cc, Cf), `/` and `\`,
    /// trims surrounding white space, and checks 1…80 characters remain.
    /// Returns nil when nothing usable is left or the label is too long.
    public static func clean(_ raw: String) -> String? {
        let text = strippingUnsafeCharacters(raw)
        guard (1...maxLength).contains(text.count) else { return nil }
        return text
    }

    /// The character rule shared by labels and other display-only names:
    /// drops Unicode Cc and Cf scalars (escapes, bidi overrides, zero-width
    /// joiners), `/` and `\`, and trims surrounding white space.
    public static func strippingUnsafeCharacters(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format: continue
            default: break
            }
            if scalar == "/" || scalar == "\\" { continue }
            scalars.append(scalar)
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
