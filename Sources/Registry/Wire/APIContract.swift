import Foundation
import Runtime

/// The served API's contract (serve.md), shared by `Server` and `Remote` so
/// both ends encode and decode the same shapes. JSON is `ProjectionJSON`'s
/// (snake_case, ISO-8601). Nothing here knows HTTP; the routes and status
/// codes live in `Server` and `Remote`.
public enum APIContract {
    /// Bumped on any incompatible change; a client refuses another major.
    public static let version = 1
    /// The prefix of every route.
    public static let prefix = "/v1"
    /// Most items one list or page request returns.
    public static let maxLimit = 1000
    /// Most transcript items one request asks for (`limit`, `tail`): the
    /// runtime's largest page, which it refuses to exceed rather than capping.
    public static let maxTranscriptPage = RuntimeLimits().maxTranscriptPage
    /// Largest request body the server reads (R12: a 10 MiB body gets 413).
    public static let maxBodyBytes = 1 << 20
}

/// `GET /v1/version`.
public struct APIVersionInfo: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case apiVersion = "api_version", product, version
    }

    public var apiVersion: Int
    public var product: String
    /// The build's version string (not a path, not a host).
    public var version: String

    public init(apiVersion: Int = APIContract.version, product: String = "workerdeck", version: String) {
        self.apiVersion = apiVersion
        self.product = product
        self.version = version
    }
}

/// `POST /v1/runtimes/{runtime_id}/workers`.
public struct CreateWorkerBody: Hashable, Sendable, Codable {
    public var profile: String?
    public var label: String?
    public var input: String?

    public init(profile: String? = nil, label: String? = nil, input: String? = nil) {
        self.profile = profile
        self.label = label
        self.input = input
    }

    public init(_ request: CreateWorkerRequest) {
        self.init(profile: request.profile, label: request.label, input: request.initialInput)
    }

    public var request: CreateWorkerRequest { CreateWorkerRequest(profile: profile, label: label, initialInput: input) }
}

/// `POST /v1/runtimes/{runtime_id}/workers/{worker_id}/input`.
public struct InputBody: Hashable, Sendable, Codable {
    public var text: String
    public init(text: String) { self.text = text }
}

/// `POST /v1/runtimes/{runtime_id}/workers/{worker_id}/rename`.
public struct RenameBody: Hashable, Sendable, Codable {
    // Spelled out, like every wire type: the codec has no key strategy.
    private enum CodingKeys: String, CodingKey {
        case label
    }

    /// Cleaned by the owner like create's label; blank after cleaning is refused.
    public var label: String
    public init(label: String) { self.label = label }
}

/// `POST /v1/runtimes/{runtime_id}/workers/{worker_id}/fork`; an empty body is `{}`.
public struct ForkBody: Hashable, Sendable, Codable {
    // Spelled out, like every wire type: the codec has no key strategy.
    private enum CodingKeys: String, CodingKey {
        case at, label
    }

    /// The last entry copied (from 1); nil: all.
    public var at: Int?
    /// The fork's label, cleaned like create's.
    public var label: String?
    public init(at: Int? = nil, label: String? = nil) {
        self.at = at
        self.label = label
    }
}

/// `GET /v1/runtimes/{runtime_id}/workers?limit=N`.
public struct WorkersPage: Hashable, Sendable, Codable {
    // Spelled out: the wire codec has no key strategy (it cost a third
    // of the 1,000-worker list's time, B10). A new property needs its key here.
    private enum CodingKeys: String, CodingKey {
        case runtimeId = "runtime_id", workers, truncated
    }

    public var runtimeId: String
    public var workers: [WorkerSummary]
    /// More workers exist than `limit` allowed.
    public var truncated: Bool

    public init(runtimeId: String, workers: [WorkerSummary], truncated: Bool) {
        self.runtimeId = runtimeId
        self.workers = workers
        self.truncated = truncated
    }
}

/// Every error response: `{"error":{"code","message"}}`. The message is the
/// registry's, already path-free.
public struct APIErrorBody: Hashable, Sendable, Codable {
    public struct Detail: Hashable, Sendable, Codable {
        public var code: String
        public var message: String
    }

    public var error: Detail

    public init(code: String, message: String) {
        self.error = Detail(code: code, message: message)
    }

    public init(_ error: RegistryError) {
        self.init(code: error.code, message: error.message)
    }
}

/// What a registry error is, for a transport: the class decides the HTTP
/// status on the server and the error case on the client.
public enum APIErrorClass: String, Hashable, Sendable, Codable {
    case invalid, unauthorized, notFound, conflict, tooLarge, unsupported, unavailable, internalError

    public init(_ error: RegistryError) {
        switch error {
        case .invalidIdentifier, .invalidRequest: self = .invalid
        case .unknownRuntime, .unknownWorker: self = .notFound
        case .busy, .rejected: self = .conflict
        case .unsupported: self = .unsupported
        case .runtimeUnavailable, .readOnly: self = .unavailable
        }
    }
}

/// `GET /v1/runtimes/{runtime_id}/approvals`.
public struct ApprovalsPage: Hashable, Sendable, Codable {
    private enum CodingKeys: String, CodingKey { case runtimeId = "runtime_id", approvals }

    public var runtimeId: String
    public var approvals: [ApprovalProjection]

    public init(runtimeId: String, approvals: [ApprovalProjection]) {
        self.runtimeId = runtimeId
        self.approvals = approvals
    }
}

/// `POST /v1/runtimes/{runtime_id}/workers/{worker_id}/approvals/{call_id}`.
public struct ApprovalAnswerBody: Hashable, Sendable, Codable {
    public enum Decision: String, Hashable, Sendable, Codable, CaseIterable {
        case allowOnce = "allow_once", allowAlways = "allow_always", deny
    }

    public var decision: Decision
    /// With `deny` only: passed to the model with the denial.
    public var message: String?

    public init(decision: Decision, message: String? = nil) {
        self.decision = decision
        self.message = message
    }

    public init(_ decision: ApprovalDecision) {
        switch decision {
        case .allowOnce: self.init(decision: .allowOnce)
        case .allowAlways: self.init(decision: .allowAlways)
        case let .deny(message): self.init(decision: .deny, message: message)
        }
    }

    public var approvalDecision: ApprovalDecision {
        switch decision {
        case .allowOnce: .allowOnce
        case .allowAlways: .allowAlways
        case .deny: .deny(message: message)
        }
    }
}
