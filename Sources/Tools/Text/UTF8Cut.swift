/// Byte caps that never split a UTF-8 sequence: a cut moves back to the
/// start of the character it would have split.
enum UTF8Cut {
    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0b1100_0000 == 0b1000_0000 }

    /// At most `maxBytes` leading bytes, ending on a character boundary.
    static func prefix<C: RandomAccessCollection<UInt8>>(_ bytes: C, maxBytes: Int) -> C.SubSequence {
        guard bytes.count > maxBytes else { return bytes[...] }
        var end = bytes.index(bytes.startIndex, offsetBy: max(0, maxBytes))
        while end > bytes.startIndex, isContinuation(bytes[end]) { end = bytes.index(before: end) }
        return bytes[..<end]
    }

    /// The bytes from the first character boundary on (a tail cut anywhere).
    static func dropLeadingContinuations<C: RandomAccessCollection<UInt8>>(_ bytes: C) -> C.SubSequence {
        var start = bytes.startIndex
        var skipped = 0
        // A character is at most 4 bytes: never skip more than 3.
        while start < bytes.endIndex, skipped < 3, isContinuation(bytes[start]) {
            start = bytes.index(after: start)
            skipped += 1
        }
        return bytes[start...]
    }
}
