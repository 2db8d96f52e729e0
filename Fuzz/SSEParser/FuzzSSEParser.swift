/// libFuzzer entry point for the SSE parser (quality.md R8).
/// Invariant under test: bytes may arrive split anywhere and the events are
/// the same as for the whole stream at once. The first input byte picks how
/// the rest is cut into chunks; the parser must never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSSEParser(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let step = Int(start[0] % 17) + 1
    let bytes = Array(UnsafeBufferPointer(start: start + 1, count: count - 1))

    var whole = SSEParser()
    let expected = whole.feed(bytes)

    var split = SSEParser()
    var got: [SSEEvent] = []
    var i = 0
    while i < bytes.count {
        let end = min(bytes.count, i + step)
        got += split.feed(bytes[i..<end])
        i = end
    }
    precondition(got == expected, "chunking changed the events")
    return 0
}
