import Foundation
import Hummingbird
import NIOCore
import Registry

/// Every way a request fails, each with one fixed response. Nothing here
/// carries text from a decoder, a file or a peer.
enum APIFailure: Error, Hashable, Sendable {
    case registry(RegistryError)
    /// Bad JSON, a missing field, a wrong type, a bad query number.
    case badRequest(BadRequest)
    case unauthorized
    case tooLarge
    case noRoute
    /// A known path asked with a method it does not take: 405 with the
    /// methods it does take (`Allow`), so a client can tell the two apart.
    case methodNotAllowed(allow: [String])

    /// The fixed messages of `invalid_request` answers.
    enum BadRequest: String, Hashable, Sendable {
        case body = "the request body is not the JSON this route takes"
        case limit = "limit must be a whole number from 1 to 1000"
        case start = "start must be a whole number of at least 0"
        case tail = "tail must be a whole number from 1 to 256"
        case pageLimit = "limit must be a whole number from 1 to 256"
        case from = "from must be a whole number of at least 0"
        case startWithTail = "give either tail or start and limit, not both"
        case unknownParameter = "a query parameter this route does not take; see /v1/openapi.json"
        case messageWithoutDeny = "a message goes with deny only (it is passed to the model)"
        case searchText = "q is required: the text to search for, at most 1000 characters"
        case searchLimit = "limit must be a whole number from 1 to 200"
    }

    var status: HTTPResponse.Status {
        switch self {
        case let .registry(error):
            switch APIErrorClass(error) {
            case .invalid: .badRequest
            case .unauthorized: .unauthorized
            case .notFound: .notFound
            case .conflict: .conflict
            case .tooLarge: .contentTooLarge
            case .unsupported: .notImplemented
            case .unavailable: .serviceUnavailable
            case .internalError: .internalServerError
            }
        case .badRequest: .badRequest
        case .unauthorized: .unauthorized
        case .tooLarge: .contentTooLarge
        case .noRoute: .notFound
        case .methodNotAllowed: .methodNotAllowed
        }
    }

    /// The JSON error body; nil for the answers that carry none (401, 413).
    var body: APIErrorBody? {
        switch self {
        case let .registry(error): APIErrorBody(error)
        case let .badRequest(reason): APIErrorBody(code: "invalid_request", message: reason.rawValue)
        case .noRoute: APIErrorBody(code: "not_found", message: "no such route; see /v1/openapi.json")
        case .methodNotAllowed: APIErrorBody(code: "method_not_allowed", message: "this route does not take that method; see /v1/openapi.json")
        case .unauthorized, .tooLarge: nil
        }
    }

    var response: Response {
        if let body {
            var response = APIResponse.json(body, status: status)
            if case let .methodNotAllowed(allow) = self { response.headers[.allow] = allow.joined(separator: ", ") }
            return response
        }
        var headers = HTTPFields()
        if self == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        headers[.contentLength] = "0"
        return Response(status: status, headers: headers, body: ResponseBody())
    }

    /// What any error thrown while answering becomes.
    static func from(_ error: any Error) -> APIFailure? {
        switch error {
        case let failure as APIFailure: return failure
        case let error as RegistryError: return .registry(error)
        // Hummingbird's own refusals (a route missing, NIO's too-many-bytes
        // while collecting a body): keep the status, never their text.
        case let error as any HTTPResponseError:
            switch error.status {
            case .contentTooLarge: return .tooLarge
            case .notFound: return .noRoute
            case .badRequest: return .badRequest(.body)
            case .unauthorized: return .unauthorized
            default: return nil
            }
        default: return nil
        }
    }
}

/// JSON responses in the one projection form.
enum APIResponse {
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        json(buffer: ByteBuffer(bytes: (try? ProjectionJSON.wireEncoder().encode(value)) ?? Data("{}".utf8)), status: status)
    }

    /// JSON already encoded (a `WorkersPageLines` page).
    static func json(buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// The answer to an error no case above covers: a fixed message, and
    /// only the error's type in the log.
    static func internalError() -> Response { json(APIErrorBody(code: "internal_error", message: "the server failed to answer; see its log"),
                                    status: .internalServerError) }
}
