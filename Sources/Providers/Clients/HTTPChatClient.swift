import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Runtime

/// A streaming chat client over AsyncHTTPClient for one HTTP wire scheme.
///
/// One call is one turn: resolve the credential, then attempt the request,
/// retrying per `RetryPolicy` only while no body byte has arrived
/// (connect errors, the headers timeout, retryable statuses); then stream
/// the body on its event loop (`SSEResponseDelegate`). Time to response
/// headers is bounded by `retry.timeout` (injected, so tests need not wait
/// for it), silence between chunks by the HTTP client's read timeout (see
/// `HTTPClient.Configuration.providerConfiguration(for:)`).
/// Cancelling the calling task cancels the request.
struct HTTPChatClient<Wire: WireFormat>: ChatClient {
    let wire: Wire
    let provider: ProviderConfig
    let http: HTTPClient
    let credentials: CredentialResolver
    let retry: RetryEnvironment

    /// Bounds a non-2xx body read for its error message.
    static var maxErrorBody: Int { 64 * 1024 }

    func stream(_ request: ChatRequest, post: TextPost?,
                onEvent: (ClientEvent) async -> Void) async throws(ProviderError) -> TokenUsage? {
        let secret = try credentials.resolve(provider.auth)
        guard let baseURL = provider.baseURL else {
            throw ProviderError(.configuration, "\(provider.name): no base_url")
        }
        let outgoing: HTTPClient.Request
        do {
            outgoing = try HTTPClient.Request(url: wire.endpoint(baseURL: baseURL), method: .POST,
                                              headers: wire.headers(secret: secret),
                                              body: .bytes(wire.body(request)))
        } catch {
            throw ProviderError(.configuration, "\(provider.name): base_url cannot be used")
        }

        let started = retry.now()
        var attempt = 1
        while true {
            if Task.isCancelled { throw .cancelled }
            switch await attemptOnce(outgoing, post: post, onEvent: onEvent) {
            case let .finished(usage):
                return usage
            case let .failed(error):
                throw error
            case let .transient(failure, retryAfter, error):
                let decision = retry.policy.decide(after: failure, attempt: attempt, retryAfter: retryAfter,
                                                   elapsed: retry.now() - started, random: retry.random())
                guard case let .retry(delay) = decision else { throw error }
                await onEvent(.retrying(RetryPolicy.message(delay: delay, failure: failure)))
                do { try await retry.sleep(delay) } catch { throw .cancelled }
                attempt += 1
            }
        }
    }

    private enum Attempt {
        case finished(TokenUsage?)
        case failed(ProviderError)
        /// May be retried: nothing of the reply has been streamed.
        case transient(RetryPolicy.Failure, retryAfter: Duration?, ProviderError)
    }

    /// One request, read on its event loop by `SSEResponseDelegate`;
    /// cancelling the calling task cancels it.
    private func attemptOnce(_ request: HTTPClient.Request, post: TextPost?,
                             onEvent: (ClientEvent) async -> Void) async -> Attempt {
        let eventLoop = http.eventLoopGroup.next()
        let (items, continuation) = AsyncStream.makeStream(of: StreamItem.self)
        let delegate = SSEResponseDelegate(decoder: wire.makeDecoder(), eventLoop: eventLoop, post: post,
                                           items: continuation, maxErrorBody: Self.maxErrorBody)
        // The delegate and the connection on one loop: no hop per body part.
        // The pool keeps a connection per loop in use (at most one more
        // handshake per loop, once), and opens one past its limit on the
        // loop rather than queue the request.
        let task = http.execute(request: request, delegate: delegate, eventLoop: .delegateAndChannel(on: eventLoop))
        return await withTaskCancellationHandler {
            await read(task, delegate, items, onEvent: onEvent)
        } onCancel: {
            delegate.stop()
            task.cancel()
        }
    }

    private func read(_ task: HTTPClient.Task<StreamedResponse>, _ delegate: SSEResponseDelegate<Wire.Decoder>,
                      _ items: AsyncStream<StreamItem>, onEvent: (ClientEvent) async -> Void) async -> Attempt {
        let head: HTTPResponseHead
        do {
            guard let received = try await headWithinTimeout(delegate.head.futureResult, of: task) else {
                _ = try? await task.futureResult.get()
                return transportFailure(HTTPClientError.deadlineExceeded, streamed: false)
            }
            head = received
        } catch {
            return transportFailure(error, streamed: false)
        }
        let status = Int(head.status.code)
        guard (200..<300).contains(status) else {
            let body = try? await task.futureResult.get().errorBody
            if Task.isCancelled { return .failed(.cancelled) }
            var detail = wire.describeError(body: body ?? [])
            if detail.isEmpty { detail = " \(head.status.reasonPhrase)" }
            let error = ProviderError(.http, "\(provider.name): HTTP \(status)\(detail)", status: status)
            guard RetryPolicy.retryableStatuses.contains(status) else { return .failed(error) }
            let retryAfter = RetryPolicy.parseRetryAfter(head.headers.first(name: "retry-after"), now: retry.wallNow())
            return .transient(.status(status), retryAfter: retryAfter, error)
        }

        for await item in items {
            if Task.isCancelled { return .failed(.cancelled) }
            switch item {
            case let .text(text): await onEvent(.text(text))
            case let .toolCall(call): await onEvent(.toolCall(call))
            }
        }
        let response: StreamedResponse
        do {
            response = try await task.futureResult.get()
        } catch let error as ProviderError {
            return .failed(error)
        } catch {
            return transportFailure(error, streamed: delegate.hasStreamed)
        }
        if Task.isCancelled { return .failed(.cancelled) }
        guard response.isComplete else {
            return .failed(ProviderError(.stream, "\(provider.name): the stream ended before the reply was complete"))
        }
        return .finished(response.usage)
    }

    /// The response head, or nil when `retry.timeout` says the headers
    /// timeout elapsed first (the request is then cancelled: a future's
    /// `get` is not, and the group waits for it).
    private func headWithinTimeout(_ head: EventLoopFuture<HTTPResponseHead>,
                                   of task: HTTPClient.Task<StreamedResponse>) async throws -> HTTPResponseHead? {
        try await withThrowingTaskGroup(of: HTTPResponseHead?.self) { [retry, provider] group in
            group.addTask {
                try await withTaskCancellationHandler { try await head.get() } onCancel: { task.cancel() }
            }
            group.addTask {
                try await retry.timeout(provider.headersTimeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }

    /// Turns a transport error into the turn's outcome. Before any body
    /// byte it may be retried; after, it fails the turn. The message names
    /// the provider and its host and port (never the path, which may be
    /// private, nor the underlying error's text, which may hold a URL).
    private func transportFailure(_ error: any Error, streamed: Bool) -> Attempt {
        if Task.isCancelled { return .failed(.cancelled) }
        let name = provider.name
        let host = provider.endpoint ?? "the provider"
        switch TransportFailure(error) {
        case .invalidURL:
            return .failed(ProviderError(.configuration, "\(name): base_url cannot be used"))
        case .shutDown:
            // Not this task's cancellation (checked above): the client was
            // shut down. A failure, so the turn does not hang.
            return .failed(ProviderError(.connection, "\(name): the request was cancelled"))
        case .headersTimeout:
            return .transient(.timeout, retryAfter: nil, ProviderError(
                .timeout, "\(name): no response headers from \(host) within \(RetryPolicy.format(provider.headersTimeout))"))
        case .readTimeout:
            let timeout = ProviderError(
                .timeout, "\(name): no data from \(host) within \(RetryPolicy.format(provider.chunkTimeout))")
            return streamed ? .failed(timeout) : .transient(.timeout, retryAfter: nil, timeout)
        case _ where streamed:
            return .failed(ProviderError(.connection, "\(name): the connection to \(host) was lost mid-stream"))
        case .connectTimeout:
            return .transient(.timeout, retryAfter: nil, ProviderError(.timeout, "\(name): connecting to \(host) timed out"))
        case .refused:
            return .transient(.refused, retryAfter: nil, ProviderError(.connection, "\(name): \(host) refused the connection"))
        case .unresolved:
            return .transient(.connection, retryAfter: nil, ProviderError(.connection, "\(name): cannot resolve \(host)"))
        case .other:
            return .transient(.connection, retryAfter: nil, ProviderError(.connection, "\(name): cannot connect to \(host)"))
        }
    }
}

extension Duration {
    /// As a NIO `TimeAmount`, in nanoseconds.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
