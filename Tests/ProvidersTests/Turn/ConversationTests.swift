import Foundation
import Runtime
import Testing
@testable import Providers

/// The wire history a reconnect builds from a transcript with tool entries,
/// and that the live conversation builds from the same items.
@Suite struct ConversationTests {
    static func entry(_ sequence: Int, _ role: TranscriptRole, _ kind: TranscriptKind, _ content: String,
                      interrupted: Bool = false) -> TranscriptEntry {
        TranscriptEntry(sequence: sequence, role: role, kind: kind, content: content, eventId: Int64(sequence),
                        createdAt: Date(timeIntervalSince1970: 0), interrupted: interrupted)
    }

    static let read = ToolCallRequest(callId: "c1", tool: "read", arguments: #"{"path":"a"}"#)
    static let grep = ToolCallRequest(callId: "c2", tool: "grep", arguments: #"{"pattern":"x"}"#)
    static let bash = ToolCallRequest(callId: "c3", tool: "bash", arguments: #"{"command":"make"}"#)
    static let readResult = ToolResult(callId: "c1", status: .ok, output: "1: hello")
    static let grepResult = ToolResult(callId: "c2", status: .denied, output: "denied by policy")

    @Test func seedsToolRoundsFromCallAndResultEntries() {
        let transcript = [
            Self.entry(1, .user, .message, "look"),
            Self.entry(2, .assistant, .message, "Looking."),
            Self.entry(3, .assistant, .toolCall, TranscriptEntry.content(of: Self.read)),
            Self.entry(4, .tool, .toolResult, TranscriptEntry.content(of: Self.readResult)),
            Self.entry(5, .assistant, .toolCall, TranscriptEntry.content(of: Self.grep)),
            Self.entry(6, .tool, .toolResult, TranscriptEntry.content(of: Self.grepResult)),
            Self.entry(7, .assistant, .message, "Found it."),
            Self.entry(8, .system, .notice, "something"),
        ]
        let conversation = Conversation(systemPrompt: nil, transcript: transcript)
        #expect(conversation.messages == [
            .user("look"), .assistant("Looking.", calls: [Self.read, Self.grep]),
            .tool(Self.readResult), .tool(Self.grepResult), .assistant("Found it."),
        ])

        // The live execution appends the same items and sends the same history.
        var live = Conversation(systemPrompt: nil)
        for item: ConversationItem in [.user("look"), .assistant("Looking."), .toolCall(Self.read), .toolResult(Self.readResult),
                                       .toolCall(Self.grep), .toolResult(Self.grepResult), .assistant("Found it.")] {
            live.append(item)
        }
        #expect(live == conversation)
    }

    /// Restore closes such calls itself; should one still lack a result, it
    /// gets an interrupted one so neither scheme refuses the history.
    @Test func aCallWithoutAResultIsPairedWithAnInterruptedOneAndCutRepliesStayOut() {
        let transcript = [
            Self.entry(1, .user, .message, "build"),
            Self.entry(2, .assistant, .toolCall, TranscriptEntry.content(of: Self.bash)),
            Self.entry(3, .assistant, .message, "Buil", interrupted: true),
            Self.entry(4, .tool, .toolResult, TranscriptEntry.content(of: ToolResult(callId: "other", status: .ok, output: "x"))),
            Self.entry(5, .system, .error, "fake: lost"),
            Self.entry(6, .user, .message, "again"),
        ]
        #expect(Conversation(systemPrompt: nil, transcript: transcript).messages == [
            .user("build"), .assistant("", calls: [Self.bash]),
            .tool(ToolResult(callId: "c3", status: .interrupted, output: Conversation.missingResultOutput)),
            .user("again"),
        ])
    }

    @Test func unreadableToolEntriesAreSkipped() {
        let transcript = [
            Self.entry(1, .user, .message, "hi"),
            Self.entry(2, .assistant, .toolCall, "not json"),
            Self.entry(3, .tool, .toolResult, "{}"),
        ]
        #expect(Conversation(systemPrompt: nil, transcript: transcript).messages == [.user("hi")])
    }
}
