import Foundation
import Runtime
import Tools

/// libFuzzer over the tool-argument decoder (quality.md R14): the first byte
/// picks a tool name (each built-in one, or an unknown one), the rest is the
/// arguments text as a model could stream it. Any input must decode or be
/// refused with a message, never trap.
///
/// Built only by `make fuzz-tools` (the target exists when WORKERDECK_FUZZ
/// is set; see Package.swift); libFuzzer supplies `main`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzToolArguments(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    let names = ToolName.allCases.map(\.rawValue) + ["unknown"]
    let tool = bytes.first.map { names[Int($0) % names.count] } ?? "read"
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    switch ToolArguments.decode(ToolCallRequest(callId: "fuzz", tool: tool, arguments: text)) {
    case .success: break
    case let .failure(error): precondition(!error.message.isEmpty)
    }
    return 0
}
