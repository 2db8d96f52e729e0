// The API's OpenAPI 3.1 document, written by hand and kept true by
// OpenAPIDocumentTests (every route and response shape). We do not use
// swift-openapi-generator: the wire types are the registry's Codable
// projections, shared with the console and the remote client, and generated
// duplicates would need mapping both ways on both ends.

/// Served at `GET /v1/openapi.json`.
enum OpenAPIDocument {
    static let json = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "WorkerDeck owner API",
    "version": "1",
    "description": "The API of a workspace's owner process (serve.md). JSON is snake_case with ISO-8601 dates. A query parameter a route does not declare is refused (400); a method a path does not declare gets 405 with Allow. Over TCP every route needs a bearer token in the Authorization header; on the workspace's Unix socket none does. No response holds a path, socket name, pid, token or credential."
  },
  "components": {
    "schemas": {
      "APIVersionInfo": {
        "type": "object",
        "properties": {"api_version": {"type": "integer"}, "product": {"type": "string"}, "version": {"type": "string"}},
        "required": ["api_version", "product", "version"],
        "additionalProperties": false
      },
      "ErrorBody": {
        "type": "object",
        "properties": {
          "error": {
            "type": "object",
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "required": ["code", "message"],
            "additionalProperties": false
          }
        },
        "required": ["error"],
        "additionalProperties": false,
        "description": "Every error with a body. The message is fixed or built from validated ids only."
      },
      "Capabilities": {
        "type": "object",
        "properties": {
          "can_list_workers": {"type": "boolean"},
          "can_get_worker": {"type": "boolean"},
          "can_create_worker": {"type": "boolean"},
          "can_accept_input": {"type": "boolean"},
          "can_interrupt": {"type": "boolean"},
          "can_stop": {"type": "boolean"},
          "can_cancel": {"type": "boolean"},
          "can_reconnect": {"type": "boolean"},
          "can_read_transcript": {"type": "boolean"},
          "can_stream_events": {"type": "boolean"},
          "read_only": {"type": "boolean"}
        },
        "required": [
          "can_list_workers",
          "can_get_worker",
          "can_create_worker",
          "can_accept_input",
          "can_interrupt",
          "can_stop",
          "can_cancel",
          "can_reconnect",
          "can_read_transcript",
          "can_stream_events",
          "read_only"
        ],
        "additionalProperties": false
      },
      "Diagnostic": {
        "type": "object",
        "properties": {
          "code": {"type": "string"},
          "severity": {"type": "string", "enum": ["info", "warning", "error"]},
          "message": {"type": "string"},
          "implementation_kind": {"type": "string", "enum": ["embedded_worker_runtime", "local_compatibility", "remote_worker_runtime"]},
          "worker_id": {"type": "string"}
        },
        "required": ["code", "severity", "message", "implementation_kind"],
        "additionalProperties": false
      },
      "RuntimeCounts": {
        "type": "object",
        "properties": {
          "workers": {"type": "integer"},
          "active": {"type": "integer"},
          "busy": {"type": "integer"},
          "stale": {"type": "integer"},
          "stopped": {"type": "integer"},
          "cancelled": {"type": "integer"},
          "needs_approval": {"type": "integer"}
        },
        "required": ["workers", "active", "busy", "stale", "stopped", "cancelled", "needs_approval"],
        "additionalProperties": false
      },
      "RuntimeSummary": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "display_name": {"type": "string"},
          "implementation_kind": {"type": "string", "enum": ["embedded_worker_runtime", "local_compatibility", "remote_worker_runtime"]},
          "status": {
            "type": "string",
            "enum": ["running", "stopped", "unavailable", "read_only", "available", "degraded", "connecting", "connected"]
          },
          "capabilities": {"$ref": "#/components/schemas/Capabilities"},
          "counts": {"$ref": "#/components/schemas/RuntimeCounts"},
          "diagnostics": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}}
        },
        "required": ["runtime_id", "display_name", "implementation_kind", "status", "capabilities", "counts", "diagnostics"],
        "additionalProperties": false
      },
      "Usage": {
        "type": "object",
        "properties": {"input": {"type": "integer"}, "output": {"type": "integer"}, "cached": {"type": "integer"}},
        "required": ["input", "output", "cached"],
        "additionalProperties": false
      },
      "LastResult": {
        "type": "object",
        "properties": {"operation": {"type": "string"}, "outcome": {"type": "string"}, "message": {"type": "string"}},
        "required": ["operation", "outcome"],
        "additionalProperties": false
      },
      "WorkerSummary": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "label": {"type": "string"},
          "implementation_kind": {"type": "string", "enum": ["embedded_worker_runtime", "local_compatibility", "remote_worker_runtime"]},
          "status": {
            "type": "string",
            "enum": [
              "idle",
              "busy",
              "stale",
              "unconnected",
              "stopped",
              "cancelled",
              "errored",
              "needs_approval",
              "active",
              "live",
              "pending",
              "metadata_only"
            ]
          },
          "run_state": {"type": "string", "enum": ["idle", "busy", "errored", "stopped", "unconnected", "awaiting_approval"]},
          "profile": {"type": "string"},
          "model": {"type": "string"},
          "transcript_len": {"type": "integer"},
          "last_activity_at": {"type": "string", "format": "date-time"},
          "usage": {"$ref": "#/components/schemas/Usage"},
          "capabilities": {"$ref": "#/components/schemas/Capabilities"},
          "diagnostics": {"type": "array", "items": {"$ref": "#/components/schemas/Diagnostic"}},
          "created_at": {"type": "string", "format": "date-time"},
          "updated_at": {"type": "string", "format": "date-time"},
          "last_event_id": {"type": "integer"},
          "binding": {"type": "string"},
          "last_result": {"$ref": "#/components/schemas/LastResult"},
          "config_bundle": {"type": "string"},
          "pending_approvals": {"type": "integer"},
          "always_allowed": {"type": "array", "items": {"type": "string", "enum": ["read", "list", "grep", "write", "edit", "bash"]}},
          "archived": {"type": "boolean", "description": "Hidden from default lists."},
          "parent": {"$ref": "#/components/schemas/ForkParent"}
        },
        "required": [
          "runtime_id",
          "worker_id",
          "label",
          "implementation_kind",
          "status",
          "run_state",
          "transcript_len",
          "capabilities",
          "diagnostics",
          "pending_approvals",
          "always_allowed",
          "archived"
        ],
        "additionalProperties": false
      },
      "ForkParent": {
        "type": "object",
        "properties": {
          "worker_id": {"type": "string"},
          "entry": {"type": "integer", "minimum": 0}
        },
        "required": ["worker_id", "entry"],
        "additionalProperties": false
      },
      "ForkBody": {
        "type": "object",
        "properties": {
          "at": {"type": ["integer", "null"], "minimum": 1, "description": "The last entry copied, numbered from 1 as the transcript shows it; default: all. Above the transcript's length is invalid_request."},
          "label": {
            "type": ["string", "null"],
            "minLength": 1,
            "maxLength": 80,
            "pattern": "[^\\s/\\\\\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]",
            "description": "The fork's label, cleaned like create's."
          }
        },
        "required": [],
        "description": "Every field optional; an empty body is {}. Unknown fields are ignored."
      },
      "DeletedWorker": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "event_id": {"type": "integer"},
          "directory_removed": {"type": "boolean", "description": "False: removing its worktree failed and is retried later."}
        },
        "required": ["runtime_id", "worker_id", "event_id", "directory_removed"],
        "additionalProperties": false
      },
      "WorkersPage": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "workers": {"type": "array", "items": {"$ref": "#/components/schemas/WorkerSummary"}},
          "truncated": {"type": "boolean"}
        },
        "required": ["runtime_id", "workers", "truncated"],
        "additionalProperties": false
      },
      "CreateWorkerBody": {
        "type": "object",
        "properties": {
          "profile": {"type": ["string", "null"], "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", "description": "A profile of the owner's config (default: default)."},
          "label": {
            "type": ["string", "null"],
            "minLength": 1,
            "maxLength": 80,
            "pattern": "[^\\s/\\\\\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]",
            "description": "Display only: control and format characters, / and \\\\ are dropped and the rest trimmed; 1-80 characters must remain."
          },
          "input": {"type": ["string", "null"], "minLength": 1, "pattern": "\\S", "description": "A first input; not blank."}
        },
        "required": [],
        "description": "Every field optional; an empty body is {}. Unknown fields are ignored."
      },
      "InputBody": {
        "type": "object",
        "properties": {"text": {"type": "string", "minLength": 1, "pattern": "\\S", "description": "Not blank: at least one non-whitespace character."}},
        "required": ["text"],
        "description": "Unknown fields are ignored."
      },
      "RenameBody": {
        "type": "object",
        "properties": {
          "label": {
            "type": "string",
            "minLength": 1,
            "maxLength": 80,
            "pattern": "[^\\s/\\\\\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u206f\\ufeff\\ufff9-\\ufffb]",
            "description": "Display only, cleaned like create's label: control and format characters, / and \\\\ are dropped and the rest trimmed; 1-80 characters must remain."
          }
        },
        "required": ["label"],
        "description": "Unknown fields are ignored."
      },
      "InputAccepted": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "transcript_sequence": {"type": "integer"},
          "event_id": {"type": "integer"},
          "turn": {"type": "integer"}
        },
        "required": ["runtime_id", "worker_id", "transcript_sequence", "event_id", "turn"],
        "additionalProperties": false
      },
      "TranscriptItem": {
        "type": "object",
        "properties": {
          "sequence": {"type": "integer"},
          "role": {"type": "string", "enum": ["user", "assistant", "system", "tool"]},
          "kind": {"type": "string", "enum": ["message", "error", "notice", "tool_call", "tool_result"]},
          "content": {"type": "string"},
          "created_at": {"type": "string", "format": "date-time"},
          "interrupted": {"type": "boolean"},
          "tool_call": {"$ref": "#/components/schemas/ToolCall"},
          "tool_result": {"$ref": "#/components/schemas/ToolResult"}
        },
        "required": ["sequence", "role", "kind", "content", "interrupted"],
        "additionalProperties": false
      },
      "SearchMatch": {
        "type": "object",
        "description": "One transcript entry a search found.",
        "properties": {
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "sequence": {"type": "integer", "minimum": 1, "description": "The entry in its worker's transcript, from 1."},
          "role": {"type": "string", "enum": ["user", "assistant", "system", "tool"]},
          "kind": {"type": "string", "enum": ["message", "error", "notice", "tool_call", "tool_result"]},
          "snippet": {"type": "string", "description": "Verbatim text around the match, one line (untrusted: sanitise before display)."},
          "created_at": {"type": "string", "format": "date-time"}
        },
        "required": ["runtime_id", "worker_id", "sequence", "role", "kind", "snippet"],
        "additionalProperties": false
      },
      "SearchPage": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "query": {"type": "string", "description": "The text as asked."},
          "limit": {"type": "integer"},
          "matches": {"type": "array", "items": {"$ref": "#/components/schemas/SearchMatch"}, "description": "Newest first."}
        },
        "required": ["runtime_id", "query", "limit", "matches"],
        "additionalProperties": false
      },
      "ToolCall": {
        "type": "object",
        "description": "A tool call as the model asked for it (untrusted text).",
        "properties": {"call_id": {"type": "string"}, "tool": {"type": "string"}, "arguments": {"type": "string"}},
        "required": ["call_id", "tool", "arguments"],
        "additionalProperties": false
      },
      "ToolResult": {
        "type": "object",
        "properties": {
          "call_id": {"type": "string"},
          "status": {"type": "string", "enum": ["ok", "error", "denied", "interrupted"]},
          "output": {"type": "string"},
          "truncated": {"type": "boolean"},
          "diff": {"type": "string"}
        },
        "required": ["call_id", "status", "output", "truncated"],
        "additionalProperties": false
      },
      "Approval": {
        "type": "object",
        "description": "A tool call waiting for an operator's answer.",
        "properties": {
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "worker_label": {"type": "string"},
          "call_id": {"type": "string"},
          "tool": {"type": "string"},
          "arguments": {"type": "string"},
          "requested_at": {"type": "string", "format": "date-time"},
          "diff": {"type": "string", "description": "edit/write: the diff the call would make."},
          "command": {"type": "string", "description": "bash: the command."},
          "directory": {"type": "string", "description": "bash: where it runs (workspace, or the worktree's name)."}
        },
        "required": ["runtime_id", "worker_id", "worker_label", "call_id", "tool", "arguments"],
        "additionalProperties": false
      },
      "ApprovalsPage": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "approvals": {"type": "array", "items": {"$ref": "#/components/schemas/Approval"}}
        },
        "required": ["runtime_id", "approvals"],
        "additionalProperties": false
      },
      "ApprovalAnswerBody": {
        "description": "allow_once or allow_always alone; deny with an optional message passed to the model (a message with an allow is refused, 400). Unknown fields are ignored.",
        "oneOf": [
          {
            "type": "object",
            "properties": {"decision": {"type": "string", "enum": ["allow_once", "allow_always"]}},
            "required": ["decision"],
            "not": {"required": ["message"]}
          },
          {
            "type": "object",
            "properties": {"decision": {"type": "string", "enum": ["deny"]}, "message": {"type": "string"}},
            "required": ["decision"]
          }
        ]
      },
      "WorkdirDiff": {
        "type": "object",
        "description": "git diff of a worker's directory: the workspace against HEAD, or its worktree against the commit its branch forked from; untracked files as new files.",
        "properties": {
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "directory": {"type": "string", "description": "workspace, or worktree <worker id>; never a path."},
          "diff": {"type": "string", "description": "A unified diff, the files' text verbatim (untrusted: sanitise before display). Empty: no change."},
          "truncated": {"type": "boolean", "description": "Cut at 2 MiB, at a line's end."}
        },
        "required": ["runtime_id", "worker_id", "directory", "diff", "truncated"],
        "additionalProperties": false
      },
      "TranscriptPage": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "start": {"type": "integer"},
          "limit": {"type": "integer"},
          "total_items": {"type": "integer"},
          "next_start": {"type": "integer"},
          "items": {"type": "array", "items": {"$ref": "#/components/schemas/TranscriptItem"}}
        },
        "required": ["runtime_id", "worker_id", "start", "limit", "total_items", "items"],
        "additionalProperties": false
      },
      "RuntimeEvent": {
        "type": "object",
        "properties": {
          "id": {"type": "integer"},
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "kind": {"type": "string"},
          "message": {"type": "string"},
          "created_at": {"type": "string", "format": "date-time"}
        },
        "required": ["id", "runtime_id", "kind", "message", "created_at"],
        "additionalProperties": false
      },
      "EventsPage": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "events": {"type": "array", "items": {"$ref": "#/components/schemas/RuntimeEvent"}},
          "next_cursor": {"type": "integer"},
          "has_more": {"type": "boolean"}
        },
        "required": ["runtime_id", "events", "next_cursor", "has_more"],
        "additionalProperties": false
      },
      "ReconnectReport": {
        "type": "object",
        "properties": {
          "runtime_id": {"type": "string"},
          "reconnected": {"type": "array", "items": {"type": "string"}},
          "failed": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {"worker_id": {"type": "string"}, "reason": {"type": "string"}},
              "required": ["worker_id", "reason"],
              "additionalProperties": false
            }
          }
        },
        "required": ["runtime_id", "reconnected", "failed"],
        "additionalProperties": false
      },
      "StreamHello": {
        "type": "object",
        "properties": {"api_version": {"type": "integer"}, "runtime_id": {"type": "string"}, "next_event_id": {"type": "integer"}},
        "required": ["api_version", "runtime_id", "next_event_id"],
        "additionalProperties": false,
        "description": "SSE event `hello`, always first. next_event_id: the first event id this stream may deliver."
      },
      "StreamLagged": {
        "type": "object",
        "properties": {"from": {"type": "integer"}},
        "required": ["from"],
        "additionalProperties": false,
        "description": "SSE event `lagged`: messages were dropped; reread the event log from `from` and refresh every worker."
      },
      "LiveUpdate": {
        "type": "object",
        "properties": {
          "type": {
            "type": "string",
            "enum": ["turn_started", "delta", "retrying", "usage", "entry", "turn_ended", "worker_changed", "worker_deleted"]
          },
          "runtime_id": {"type": "string"},
          "worker_id": {"type": "string"},
          "turn": {"type": "integer"},
          "text": {"type": "string"},
          "message": {"type": "string"},
          "usage": {"$ref": "#/components/schemas/Usage"},
          "entry": {"$ref": "#/components/schemas/TranscriptItem"},
          "ending": {"type": "string", "enum": ["completed", "failed", "interrupted", "stopped", "cancelled"]},
          "worker": {"$ref": "#/components/schemas/WorkerSummary"}
        },
        "required": ["type"],
        "additionalProperties": false,
        "description": "SSE event `live`: an unpersisted update, tagged by type; worker_changed carries `worker` only; worker_deleted carries the ids only."
      }
    },
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}
  },
  "security": [{"bearer": []}, {}],
  "paths": {
    "/v1/version": {
      "get": {
        "operationId": "version",
        "summary": "API version handshake: a client refuses another api_version.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/APIVersionInfo"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        }
      }
    },
    "/v1/runtimes": {
      "get": {
        "operationId": "list_runtimes",
        "summary": "The runtimes this server serves.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {
              "application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/RuntimeSummary"}}}
            }
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        }
      }
    },
    "/v1/runtimes/{runtime_id}": {
      "get": {
        "operationId": "get_runtime",
        "summary": "One runtime's summary.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RuntimeSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/reconnect-stale": {
      "post": {
        "operationId": "reconnect_stale",
        "summary": "Reconnects the runtime's stale workers.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReconnectReport"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "409": {
            "description": "The worker's state refuses it (busy, nothing_to_interrupt, already_connected, worker_not_running, worker_stale, execution_rejected).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers": {
      "get": {
        "operationId": "list_workers",
        "summary": "Workers of a runtime, in creation order; truncated when more exist than limit: the next page is after the last worker's id.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkersPage"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1000},
            "description": "Most workers to return."
          },
          {
            "name": "after",
            "in": "query",
            "required": false,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker id: the page starts after it (the last id of a truncated page). A worker deleted since still marks its place; an id this runtime never had is 404 (unknown_worker)."
          }
        ]
      },
      "post": {
        "operationId": "create_worker",
        "summary": "Creates a worker, optionally with its first input.",
        "responses": {
          "201": {
            "description": "Created",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "409": {
            "description": "The worker's state refuses it (busy, nothing_to_interrupt, already_connected, worker_not_running, worker_stale, execution_rejected).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "413": {"description": "Body over 1 MiB. Empty body."},
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          }
        ],
        "requestBody": {
          "required": false,
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreateWorkerBody"}}}
        }
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}": {
      "get": {
        "operationId": "get_worker",
        "summary": "One worker's detail.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      },
      "delete": {
        "operationId": "delete_worker",
        "summary": "Deletes the worker: its row, transcript, events and pending approval in one transaction (an event worker_deleted stays), then its worktree, if its profile had one; a removal that fails is retried later. Refused while a turn runs.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeletedWorker"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "409": {
            "description": "A turn is running or waiting for an approval (busy).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped, read-only or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/archive": {
      "post": {
        "operationId": "archive_worker",
        "summary": "Hides the worker from default lists (archived: true), whatever its status; an event worker_archived is written. Repeating it writes nothing.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped, read-only or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/unarchive": {
      "post": {
        "operationId": "unarchive_worker",
        "summary": "Shows an archived worker in default lists again; an event worker_unarchived is written. Repeating it writes nothing.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped, read-only or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/fork": {
      "post": {
        "operationId": "fork_worker",
        "summary": "A new worker (its own id, the same profile) seeded with a copy of the transcript up to and including entry at (default: all), its parent recorded; it starts idle once reconnected, and its first turn carries the copied history. An empty body is {}.",
        "responses": {
          "201": {
            "description": "Created",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped, read-only or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ],
        "requestBody": {"required": false, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ForkBody"}}}}
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/input": {
      "post": {
        "operationId": "send_input",
        "summary": "Sends input; returns once accepted (the turn runs in the owner).",
        "responses": {
          "202": {
            "description": "Accepted",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InputAccepted"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "409": {
            "description": "The worker's state refuses it (busy, nothing_to_interrupt, already_connected, worker_not_running, worker_stale, execution_rejected).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "413": {"description": "Body over 1 MiB. Empty body."},
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/InputBody"}}}}
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/rename": {
      "post": {
        "operationId": "rename_worker",
        "summary": "Sets the worker's display label, whatever its status; an event worker_renamed is written.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body, or a label blank after cleaning (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "413": {"description": "Body over 1 MiB. Empty body."},
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped, read-only or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RenameBody"}}}}
      }
    },
    "/v1/runtimes/{runtime_id}/search": {
      "get": {
        "operationId": "search_transcripts",
        "summary": "Transcript entries of every worker of the runtime that hold every word of q, newest first. q is split into words (letters and digits); no search syntax is read. The embedded runtime matches whole words (case and accents ignored) through a full-text index; local_compatibility workers are scanned for substrings.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchPage"}}}
          },
          "400": {
            "description": "Invalid id or query: q missing, blank, over 1000 characters or without a letter or digit; limit out of range (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "q",
            "in": "query",
            "required": true,
            "schema": {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": "[\\p{L}\\p{N}]"},
            "description": "The text to look for: every word must occur (untrusted; never read as search syntax)."
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50},
            "description": "Most matches to return."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/approvals": {
      "get": {
        "operationId": "list_approvals",
        "summary": "Tool calls of this runtime's workers waiting for an operator's answer.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApprovalsPage"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/approvals/{call_id}": {
      "post": {
        "operationId": "answer_approval",
        "summary": "Answers a pending approval; the first answer wins, a later one is 409 approval_not_pending.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "409": {
            "description": "Already answered, or rejected by the worker.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "413": {"description": "Body over 1 MiB. Empty body."},
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          },
          {
            "name": "call_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "minLength": 1},
            "description": "The pending call's id."
          }
        ],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApprovalAnswerBody"}}}}
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/interrupt": {
      "post": {
        "operationId": "interrupt_worker",
        "summary": "Interrupts the running turn.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "409": {
            "description": "The worker's state refuses it (busy, nothing_to_interrupt, already_connected, worker_not_running, worker_stale, execution_rejected).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/stop": {
      "post": {
        "operationId": "stop_worker",
        "summary": "Stops the worker.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "409": {
            "description": "The worker's state refuses it (busy, nothing_to_interrupt, already_connected, worker_not_running, worker_stale, execution_rejected).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/cancel": {
      "post": {
        "operationId": "cancel_worker",
        "summary": "Cancels the worker.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "409": {
            "description": "The worker's state refuses it (busy, nothing_to_interrupt, already_connected, worker_not_running, worker_stale, execution_rejected).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/reconnect": {
      "post": {
        "operationId": "reconnect_worker",
        "summary": "Gives a stale worker a new execution.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkerSummary"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "409": {
            "description": "The worker's state refuses it (busy, nothing_to_interrupt, already_connected, worker_not_running, worker_stale, execution_rejected).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/diff": {
      "get": {
        "operationId": "get_workdir_diff",
        "summary": "git diff of the worker's directory (run with an argv, read-only, at most 2 MiB).",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorkdirDiff"}}}
          },
          "409": {
            "description": "The directory cannot be diffed (diff_unavailable: not a git repository, no worktree yet).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/workers/{worker_id}/transcript": {
      "get": {
        "operationId": "get_transcript",
        "summary": "A transcript page: start and limit, or the last tail items (tail excludes start and limit: 400).",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/TranscriptPage"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "worker_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A worker of that runtime."
          },
          {
            "name": "page",
            "in": "query",
            "required": false,
            "style": "form",
            "explode": true,
            "schema": {
              "oneOf": [
                {
                  "type": "object",
                  "properties": {
                    "start": {"type": "integer", "minimum": 0, "maximum": 2147483647, "default": 0, "description": "First item."},
                    "limit": {"type": "integer", "minimum": 1, "maximum": 256, "default": 100, "description": "Most items."}
                  },
                  "not": {"required": ["tail"]},
                  "additionalProperties": false
                },
                {
                  "type": "object",
                  "properties": {"tail": {"type": "integer", "minimum": 1, "maximum": 256, "description": "The last N items."}},
                  "required": ["tail"],
                  "not": {"anyOf": [{"required": ["start"]}, {"required": ["limit"]}]},
                  "additionalProperties": false
                }
              ]
            },
            "description": "Query parameters start and limit, or tail alone: tail with start or limit is refused (400, invalid_request), as is any other query parameter."
          }
        ]
      }
    },
    "/v1/runtimes/{runtime_id}/events": {
      "get": {
        "operationId": "list_events",
        "summary": "A page of the runtime's committed event log.",
        "responses": {
          "200": {
            "description": "OK",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventsPage"}}}
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "runtime_id",
            "in": "path",
            "required": true,
            "schema": {"type": "string", "pattern": "^[A-Za-z0-9_:-]{1,120}$"},
            "description": "A runtime served here."
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "schema": {"type": "integer", "minimum": 0, "maximum": 999999999999999999, "default": 1},
            "description": "First event id to read."
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100},
            "description": "Most events."
          }
        ]
      }
    },
    "/v1/stream": {
      "get": {
        "operationId": "stream",
        "summary": "Server-Sent Events: `hello` first, then `event` (committed, with SSE id), `live` and `lagged` messages; `: keepalive` comments when idle.",
        "responses": {
          "200": {
            "description": "An endless SSE stream. Each frame's data is the JSON of StreamHello, RuntimeEvent, LiveUpdate or StreamLagged by its event name.",
            "content": {
              "text/event-stream": {
                "schema": {"type": "string"},
                "x-sse-events": {
                  "hello": {"$ref": "#/components/schemas/StreamHello"},
                  "event": {"$ref": "#/components/schemas/RuntimeEvent"},
                  "live": {"$ref": "#/components/schemas/LiveUpdate"},
                  "lagged": {"$ref": "#/components/schemas/StreamLagged"}
                }
              }
            }
          },
          "400": {
            "description": "Invalid id, query or body (invalid_request, invalid_identifier).",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "404": {
            "description": "Unknown runtime, worker or route.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "501": {
            "description": "Unsupported by this runtime's source.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "503": {
            "description": "The runtime is stopped or unavailable.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
          },
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        },
        "parameters": [
          {
            "name": "from",
            "in": "query",
            "required": false,
            "schema": {"type": "integer", "minimum": 0, "maximum": 999999999999999999},
            "description": "Resume at this event id; absent: the next event committed."
          },
          {
            "name": "runtime",
            "in": "query",
            "required": false,
            "schema": {"type": "string"},
            "description": "Whose committed events (default: the first served runtime)."
          }
        ]
      }
    },
    "/v1/metrics": {
      "get": {
        "operationId": "metrics",
        "summary": "Prometheus text exposition.",
        "responses": {
          "200": {"description": "OK", "content": {"text/plain": {"schema": {"type": "string"}}}},
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        }
      }
    },
    "/v1/openapi.json": {
      "get": {
        "operationId": "openapi",
        "summary": "This document.",
        "responses": {
          "200": {"description": "OK", "content": {"application/json": {"schema": {"type": "object"}}}},
          "401": {
            "description": "TCP listeners only: no valid bearer token. Empty body.",
            "headers": {"WWW-Authenticate": {"schema": {"type": "string", "description": "the bearer scheme, nothing more"}}}
          }
        }
      }
    }
  }
}
"""#
}
