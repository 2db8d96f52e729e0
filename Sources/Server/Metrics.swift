import Foundation
import Prometheus
import Registry

/// `GET /v1/metrics`: the server's Prometheus collectors. Worker gauges are
/// refreshed at each scrape; counters follow live updates of the served
/// runtimes; the stream gauge follows attached clients.
final class ServerMetrics: Sendable {
    let collectors = PrometheusCollectorRegistry()
    private let workers: [WorkerStatus: Gauge]
    private let turns: [TurnOutcome: Counter]
    private let tokensIn: Counter
    private let tokensOut: Counter
    let streamClients: Gauge

    static let latencyBuckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(5),
    ]

    init() {
        let c = collectors
        workers = Dictionary(uniqueKeysWithValues: WorkerStatus.allCases.map { status in
            (status, c.makeGauge(descriptor: Self.name("workers", unit: "", help: "Workers of the served runtimes by status"),
                                 labels: [("status", status.rawValue)]))
        })
        turns = Dictionary(uniqueKeysWithValues: TurnOutcome.allCases.map { outcome in
            (outcome, c.makeCounter(descriptor: Self.name("turns", unit: "total", help: "Turns ended, by outcome"),
                                    labels: [("outcome", outcome.rawValue)]))
        })
        let tokens = Self.name("tokens", unit: "total", help: "Model tokens reported by turns, by direction")
        tokensIn = c.makeCounter(descriptor: tokens, labels: [("direction", "in")])
        tokensOut = c.makeCounter(descriptor: tokens, labels: [("direction", "out")])
        streamClients = c.makeGauge(descriptor: Self.name("stream_clients", unit: "", help: "Clients attached to /v1/stream"))
    }

    private static func name(_ metric: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "workerdeck", metricName: metric, unitName: unit, helpText: help)
    }

    /// Counts a live update. A `usage` update is counted as it comes: each
    /// reports what its turn used, once.
    func record(_ update: LiveUpdate) {
        switch update {
        case let .turnEnded(_, _, ending):
            turns[ending]?.increment()
        case let .usage(_, _, usage):
            tokensIn.increment(by: Int64(max(0, usage.input)))
            tokensOut.increment(by: Int64(max(0, usage.output)))
        default:
            break
        }
    }

    func requestFinished(route: String, method: String, elapsed: Duration) {
        collectors.makeDurationHistogram(
            descriptor: Self.name("http_request_duration", unit: "seconds", help: "API request latency by route pattern"),
            labels: [("route", route), ("method", method)],
            buckets: Self.latencyBuckets
        ).record(elapsed)
    }

    /// The Prometheus text, worker gauges refreshed first.
    func scrape(_ server: APIServer) async -> String {
        var counts: [WorkerStatus: Int] = [:]
        for runtimeId in server.runtimeIds {
            guard let list = try? await server.registry.workers(runtime: runtimeId, limit: APIContract.maxLimit * 10) else { continue }
            for worker in list { counts[worker.status, default: 0] += 1 }
        }
        for (status, gauge) in workers { gauge.set(Double(counts[status] ?? 0)) }
        return collectors.emitToString()
    }
}
