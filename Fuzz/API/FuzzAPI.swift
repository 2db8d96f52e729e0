import Foundation
import Server

/// libFuzzer over the API's request decoders (quality.md R14): JSON bodies
/// into `CreateWorkerBody` and `InputBody`, query strings, and the strict
/// number parser. Any bytes must be decoded or refused, never trap.
///
/// Built only by `make fuzz-api` (the target exists when WORKERDECK_FUZZ is
/// set; see Package.swift), as a library-style module: libFuzzer supplies
/// `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPIRequest(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Data(bytes: $0, count: count) } ?? Data()
    RequestDecoding.exercise(bytes)
    return 0
}
