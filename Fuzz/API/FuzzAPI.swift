import Foundation
import Server

/// libFuzzer over the API's request decoders (quality.md R14): JSON bodies
/// into `CreateWorkerBody` and `InputBody`, query strings, and the strict
/// number parser. Any bytes must be decoded or refused, never trap.
///
/// Built only by `make fuzz-api` (the target exists when WORKERDECK_FUZZ is
/// set; see Package.swift). SwiftPM gives an executable its own `main`, so
/// that `main` hands control to libFuzzer's driver.
@main
enum FuzzAPI {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { start, count in
            let bytes = start.map { Data(bytes: $0, count: count) } ?? Data()
            RequestDecoding.exercise(bytes)
            return 0
        })
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32
