/// libFuzzer entry point for the console's sanitiser (quality.md R8).
/// Whatever bytes a model or a legacy file sends, the cleaned text carries
/// no ESC, no C0/C1 control but newline, no bidi control, and cleaning it
/// again changes nothing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSanitiser(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: start, count: count)
    let cleaned = Sanitiser.clean(bytes: bytes)
    for s in cleaned.unicodeScalars {
        let v = s.value
        precondition(v == 0x0A || !(v < 0x20 || (0x7F...0x9F).contains(v)), "control character U+\(String(v, radix: 16)) survived")
        precondition(!(0x202A...0x202E).contains(v) && !(0x2066...0x2069).contains(v), "bidi control survived")
        precondition(v == 0x200C || v == 0x200D || s.properties.generalCategory != .format, "format character survived")
    }
    precondition(Sanitiser.clean(cleaned) == cleaned, "cleaning is not idempotent")
    precondition(!Sanitiser.cleanLine(String(decoding: bytes, as: UTF8.self)).contains("\n"), "cleanLine kept a newline")
    return 0
}
