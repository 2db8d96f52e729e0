import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import Runtime
import Synchronization

/// How one streamed response ended, as far as its body said.
struct StreamedResponse: Sendable {
    var isComplete = false
    var usage: TokenUsage?
    /// A non-2xx body, up to `maxErrorBody` bytes; nil when it was longer.
    var errorBody: [UInt8]?
}

/// Reads one streamed response on its connection's event loop, as the
/// bytes arrive: the head, then the body through `SSEParser` and the
/// scheme's decoder.
///
/// Streamed text goes to `post` straight from the event loop when the
/// caller gave one: a delta then wakes no task and asks the channel for
/// nothing (AsyncHTTPClient's body sequence cost two thread hand-overs per
/// delta, B12). The text of one read is posted once, after the read's last
/// part, and a fast stream is read at most once per `ReadPacer` pace, so a
/// 400-delta-a-second reply costs a few dozen wake-ups a second, not 400;
/// a reply nobody watches is read once per `ReadPacer` background tick.
/// Everything else (text without `post`, tool calls) reaches the calling
/// task through `items`, in stream order, after the text before it. A
/// chunk the decoder rejects fails the request with that `ProviderError`.
final class SSEResponseDelegate<Decoder: StreamDecoder>: HTTPClientResponseDelegate {
    typealias Response = StreamedResponse

    private struct State {
        var parser = SSEParser()
        var decoder: Decoder
        var response = StreamedResponse()
        var errorBody: [UInt8]? = []
        var success = false
        var pacer = ReadPacer()
        /// Text of the parts read in this turn of the event loop, not yet posted.
        var pendingText = ""
        /// Parts are being handed over in this turn of the event loop (from
        /// one read, or after a hold ended): only the first of them may be
        /// held. Cleared, and their text posted, once the turn has handed
        /// them all over (`armRunEnd`).
        var inRun = false
        var runEndArmed = false
        /// Parts handed over since the run's end was last armed.
        var partsSinceArmed = 0
        /// A part is held (`ReadPacer`): its text waits until the hold ends.
        var holding = false
    }

    private let state: NIOLoopBoundBox<State>
    private let post: TextPost?
    private let items: AsyncStream<StreamItem>.Continuation
    private let maxErrorBody: Int
    /// Fulfilled with the response head; failed when the request fails first.
    let head: EventLoopPromise<HTTPResponseHead>
    /// Whether any body byte arrived: a failure after that is not retried.
    private let streamed = Atomic(false)
    /// Set when the calling task is cancelled: nothing more is posted.
    private let stopped = Atomic(false)

    init(decoder: sending Decoder, eventLoop: any EventLoop, post: TextPost?,
         items: AsyncStream<StreamItem>.Continuation, maxErrorBody: Int) {
        state = .makeBoxSendingValue(State(decoder: decoder), eventLoop: eventLoop)
        head = eventLoop.makePromise()
        self.post = post
        self.items = items
        self.maxErrorBody = maxErrorBody
    }

    var hasStreamed: Bool { streamed.load(ordering: .relaxed) }

    /// Stops posting text: the turn was cancelled (the runtime would drop it anyway).
    func stop() { stopped.store(true, ordering: .relaxed) }

    func didReceiveHead(task: HTTPClient.Task<Response>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.value.success = (200..<300).contains(Int(head.status.code))
        self.head.succeed(head)
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<Response>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        if buffer.readableBytes > 0 { streamed.store(true, ordering: .relaxed) }
        guard state.value.success else {
            if let kept = state.value.errorBody {
                state.value.errorBody = kept.count + buffer.readableBytes <= maxErrorBody
                    ? kept + buffer.readableBytesView : nil
            }
            return task.eventLoop.makeSucceededVoidFuture()
        }
        // The client hands a read's parts over one after another in one turn
        // of the event loop; a part that starts a turn starts a new read.
        let startsRead = !state.value.inRun
        state.value.inRun = true
        state.value.partsSinceArmed += 1
        armRunEnd(on: task.eventLoop)
        do throws(ProviderError) {
            for event in state.value.parser.feed(buffer.readableBytesView) {
                for item in try state.value.decoder.decode(event) {
                    if case let .text(text) = item, post != nil {
                        state.value.pendingText += text
                    } else {
                        flushText()
                        items.yield(item)
                    }
                }
            }
        } catch {
            flushText()
            return task.eventLoop.makeFailedFuture(error)
        }
        guard startsRead,
              let release = state.value.pacer.hold(readAt: task.eventLoop.now, watched: post?.isWatched() ?? true)
        else { return task.eventLoop.makeSucceededVoidFuture() }
        state.value.holding = true
        return task.eventLoop.scheduleTask(deadline: release) {
            // The parts the client read along with the held one come next,
            // in this turn: one run with it, so none of them is held again,
            // and its text goes with theirs. What arrived meanwhile is read
            // after this turn, as a new read (held in its turn).
            self.state.value.holding = false
            self.state.value.inRun = true
            self.armRunEnd(on: task.eventLoop)
        }.futureResult
    }

    /// Ends the run of parts once this turn of the event loop has handed
    /// them all over, and posts their text: the parts of one read become
    /// one delta.
    ///
    /// The loop runs every task queued in a turn, those queued meanwhile
    /// included, before it reads again; so a part that comes while tasks
    /// run was read before (the client hands a long run over in tasks of
    /// its own, 50 parts each). The end is queued again behind any task
    /// queued while parts came, until a task finds none came: then no part
    /// of this run is left, and the next part starts a new read.
    private func armRunEnd(on eventLoop: any EventLoop) {
        guard !state.value.runEndArmed else { return }
        state.value.runEndArmed = true
        state.value.partsSinceArmed = 0
        eventLoop.assumeIsolated().execute {
            self.state.value.runEndArmed = false
            if self.state.value.partsSinceArmed > 0 {
                self.armRunEnd(on: eventLoop)
                return
            }
            self.state.value.inRun = false
            if !self.state.value.holding { self.flushText() }
        }
    }

    /// Posts the queued text; before anything else leaves the delegate, so
    /// the order of text, items and the end is kept.
    private func flushText() {
        guard !state.value.pendingText.isEmpty, let post else { return }
        let text = state.value.pendingText
        state.value.pendingText = ""
        if !stopped.load(ordering: .relaxed) { post(text) }
    }

    func didReceiveError(task: HTTPClient.Task<Response>, _ error: any Error) {
        flushText()
        head.fail(error)
        items.finish()
    }

    func didFinishRequest(task: HTTPClient.Task<Response>) throws -> Response {
        flushText()
        var response = state.value.response
        response.isComplete = state.value.decoder.isComplete
        response.usage = state.value.decoder.usage
        response.errorBody = state.value.success ? nil : state.value.errorBody
        items.finish()
        return response
    }
}
