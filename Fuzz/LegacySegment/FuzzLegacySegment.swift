import Foundation

/// libFuzzer entry point for the legacy JSONL reader (quality.md R8).
/// `LegacySegmentParser.parse(data:)` is pure and total: any bytes must give
/// a result, never a trap, and the result must respect its invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLegacySegment(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let result = LegacySegmentParser.parse(data: data)
    precondition(result.consumedBytes <= count, "consumed past the input")
    precondition(result.consumedBytes == 0 || data[result.consumedBytes - 1] == UInt8(ascii: "\n"),
                 "consumed a torn line")
    precondition(result.invalidLines.allSatisfy { (1...result.lineCount).contains($0) }, "line number out of range")
    for entry in result.entries {
        precondition(entry.content.utf8.count <= 65_536 + 16, "entry over the 64 KiB cap")
    }
    return 0
}
