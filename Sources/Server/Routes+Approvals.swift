import Foundation
import Hummingbird
import Registry

extension APIServer {
    /// tools.md, Approvals: any client may answer; the first answer wins.
    static let approvalRoutes: [APIRoute] = [
        APIRoute(method: .get, path: "/v1/runtimes/{runtime_id}/approvals") { server, _, context in
            let id = try server.runtimeId(context)
            let approvals = try await call { () async throws(RegistryError) in try await server.registry.approvals(runtime: id) }
            return APIResponse.json(ApprovalsPage(runtimeId: id, approvals: approvals))
        },
        APIRoute(method: .post, path: "/v1/runtimes/{runtime_id}/workers/{worker_id}/approvals/{call_id}") { server, request, context in
            let key = try server.workerKey(context)
            let callId = context.parameters.get("call_id") ?? ""
            let body = try RequestDecoding.body(ApprovalAnswerBody.self, from: try await APIServer.body(request))
            // A message nobody would read is refused, not dropped.
            if body.decision != .deny, body.message != nil { throw APIFailure.badRequest(.messageWithoutDeny) }
            return APIResponse.json(try await call { () async throws(RegistryError) in
                try await server.registry.answerApproval(key, callId: callId, body.approvalDecision)
            })
        },
    ]
}
