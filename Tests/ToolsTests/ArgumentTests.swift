import Runtime
import Testing
@testable import Tools

@Suite struct ArgumentTests {
    private func message(_ tool: String, _ arguments: String) -> String? {
        if case let .failure(error) = ToolArguments.decode(ToolCallRequest(callId: "c", tool: tool, arguments: arguments)) { return error.message }
        return nil
    }

    @Test func decodesEachToolsArguments() {
        let edit = ToolArguments.decode(ToolCallRequest(callId: "c", tool: "edit", arguments: #"{"path":"a","old":"x","new":"y","replace_all":true}"#))
        #expect(edit == .success(.edit(EditArguments(path: "a", old: "x", new: "y", replaceAll: true))))
        let read = ToolArguments.decode(ToolCallRequest(callId: "c", tool: "read", arguments: #"{"path":"a","offset":3}"#))
        #expect(read == .success(.read(ReadArguments(path: "a", offset: 3, limit: nil))))
        let list = ToolArguments.decode(ToolCallRequest(callId: "c", tool: "list", arguments: "  "))
        #expect(list == .success(.list(ListArguments(path: nil, glob: nil))))
    }

    @Test func refusesWhatIsNotAValidCall() {
        #expect(message("frobnicate", "{}") == #"unknown tool "frobnicate"; the tools are read, list, grep, write, edit, bash"#)
        #expect(message("edit", #"{"path":"a","new":"b"}"#) == #"invalid arguments for edit: missing "old""#)
        #expect(message("read", #"{"path":"a","offset":"3"}"#) == #"invalid arguments for read: "offset" must be an integer"#)
        #expect(message("read", #"{"path":null}"#) == #"invalid arguments for read: "path" must be a string, not null"#)
        #expect(message("read", #"{"path":"a","colour":1}"#) == #"invalid arguments for read: unknown argument "colour" (the arguments are "path", "offset", "limit")"#)
        #expect(message("read", "{\"path\":") == "invalid arguments for read: not valid JSON")
        #expect(message("read", "[1,2]") == "invalid arguments for read: not a JSON object")
        #expect(message("read", #"{"path":"a","offset":0}"#) == #"invalid arguments for read: "offset" must be 1 or more (lines count from 1)"#)
        #expect(message("bash", #"{"command":"ls","timeout":601}"#) == #"invalid arguments for bash: "timeout" must be 1 to 600 seconds"#)
        #expect(message("grep", #"{"pattern":"x","regex":"yes"}"#) == #"invalid arguments for grep: "regex" must be true or false"#)
        #expect(message("edit", #"{"path":"a","old":"","new":"b"}"#) == #"invalid arguments for edit: "old" is empty"#)
    }

    @Test func badArgumentsAreAnErrorResultNotACrash() async {
        let scratch = Scratch()
        let box = makeBox()
        let result = await box.run(ToolCallRequest(callId: "call_9", tool: "write", arguments: "\u{0}\u{ff}garbage"), in: ToolWorkspace(directory: scratch.url))
        #expect(result == ToolResult(callId: "call_9", status: .error, output: "invalid arguments for write: not valid JSON"))
        let unknown = await box.run(ToolCallRequest(callId: "call_8", tool: "rm", arguments: "{}"), in: ToolWorkspace(directory: scratch.url))
        #expect(unknown.status == .error)
        #expect(unknown.output.hasPrefix("unknown tool \"rm\""))
    }

    @Test func specsComeInTheOrderAsked() {
        let specs = makeBox().specs(for: [.bash, .read, .edit])
        #expect(specs.map(\.name) == [.bash, .read, .edit])
        for spec in makeBox().specs(for: ToolName.allCases) {
            guard case let .object(schema) = spec.parameters, case let .object(properties)? = schema["properties"] else {
                Issue.record("\(spec.name) has no object schema"); continue
            }
            #expect(!properties.isEmpty)
            #expect(!spec.description.isEmpty)
        }
    }
}
