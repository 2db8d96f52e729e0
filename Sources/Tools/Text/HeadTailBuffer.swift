/// Keeps the first `headLimit` and the last `tailLimit` bytes of a stream of
/// any length, and counts what it dropped between them: bash output is held
/// in bounded memory however much a command prints (quality.md B14).
struct HeadTailBuffer: Sendable {
    let headLimit: Int
    let tailLimit: Int
    private(set) var head: [UInt8] = []
    /// The most recent bytes past the head; compacted to `tailLimit` when it
    /// reaches twice that, so appends stay amortised O(1).
    private var tail: [UInt8] = []
    private(set) var totalBytes = 0

    init(headLimit: Int = 32 * 1024, tailLimit: Int = 32 * 1024) {
        self.headLimit = headLimit
        self.tailLimit = tailLimit
        head.reserveCapacity(headLimit)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        totalBytes += bytes.count
        var rest = bytes[...]
        if head.count < headLimit {
            let taken = rest.prefix(headLimit - head.count)
            head.append(contentsOf: taken)
            rest = rest.dropFirst(taken.count)
        }
        guard !rest.isEmpty else { return }
        if rest.count >= tailLimit {
            tail = Array(rest.suffix(tailLimit))
        } else {
            tail.append(contentsOf: rest)
            if tail.count >= 2 * tailLimit { tail.removeFirst(tail.count - tailLimit) }
        }
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Bytes seen but not kept.
    var omittedBytes: Int { totalBytes - head.count - min(tail.count, tailLimit) }

    /// The kept text: head, then `… N bytes omitted` and the tail when the
    /// stream was longer than both. Cuts never split a UTF-8 character (the
    /// bytes of a split one count as omitted).
    var text: String {
        let keptTail = tail.suffix(tailLimit)
        guard omittedBytes > 0 else { return String(decoding: head + keptTail, as: UTF8.self) }
        let headPart = UTF8Cut.prefix(head, maxBytes: head.count - (Self.endsMidCharacter(head) ? 1 : 0))
        let tailPart = UTF8Cut.dropLeadingContinuations(keptTail)
        let omitted = totalBytes - headPart.count - tailPart.count
        var text = String(decoding: headPart, as: UTF8.self)
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        text += "… \(omitted) bytes omitted\n"
        text += String(decoding: tailPart, as: UTF8.self)
        return text
    }

    var isTruncated: Bool { omittedBytes > 0 }

    /// Whether the last character of `bytes` is incomplete.
    private static func endsMidCharacter(_ bytes: [UInt8]) -> Bool {
        guard let lastStart = bytes.lastIndex(where: { !UTF8Cut.isContinuation($0) }) else { return false }
        let lead = bytes[lastStart]
        let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return bytes.count - lastStart < length
    }
}
