/// A text file's lines, split on LF; a CR before the LF belongs to the line
/// ending, not to the text (CRLF files read like LF ones).
struct TextLines {
    /// Each line's bytes without its line ending.
    var lines: [ArraySlice<UInt8>]

    init(_ bytes: [UInt8]) {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            lines.append(Self.trimmingCR(bytes[start..<index]))
            start = index + 1
        }
        if start < bytes.endIndex { lines.append(Self.trimmingCR(bytes[start...])) }
        self.lines = lines
    }

    private static func trimmingCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }

    /// Binary by tools.md's rule: a NUL byte in the first 8 KiB, or not UTF-8.
    static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8192).contains(0) || String(validating: bytes, as: UTF8.self) == nil
    }
}
