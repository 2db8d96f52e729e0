import Foundation
import Testing
@testable import Providers

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy()

    @Test func fullJitterExponentialBackoffCappedAt8Seconds() {
        // random = 1 gives the ceiling: 0.5, 1, 2 s for attempts 1-3.
        #expect(policy.decide(after: .status(503), attempt: 1, retryAfter: nil, elapsed: .zero, random: 1) == .retry(after: .milliseconds(500)))
        #expect(policy.decide(after: .status(503), attempt: 2, retryAfter: nil, elapsed: .zero, random: 1) == .retry(after: .seconds(1)))
        #expect(policy.decide(after: .timeout, attempt: 3, retryAfter: nil, elapsed: .zero, random: 1) == .retry(after: .seconds(2)))
        let wide = RetryPolicy(maxAttempts: 10)
        #expect(wide.decide(after: .connection, attempt: 6, retryAfter: nil, elapsed: .zero, random: 1) == .retry(after: .seconds(8)))
        #expect(wide.decide(after: .connection, attempt: 9, retryAfter: nil, elapsed: .zero, random: 1) == .retry(after: .seconds(8)))
    }

    @Test func jitterScalesTheCeiling() {
        #expect(policy.decide(after: .status(429), attempt: 3, retryAfter: nil, elapsed: .zero, random: 0.25) == .retry(after: .milliseconds(500)))
        #expect(policy.decide(after: .status(429), attempt: 1, retryAfter: nil, elapsed: .zero, random: 0) == .retry(after: .zero))
    }

    @Test func atMostFourAttempts() {
        #expect(policy.decide(after: .status(500), attempt: 4, retryAfter: nil, elapsed: .zero, random: 0.5) == .giveUp)
    }

    @Test func retryAfterWinsOverBackoff() {
        #expect(policy.decide(after: .status(429), attempt: 1, retryAfter: .seconds(7), elapsed: .zero, random: 0.1) == .retry(after: .seconds(7)))
        #expect(policy.decide(after: .status(429), attempt: 1, retryAfter: .seconds(12), elapsed: .zero, random: 0.1) == .retry(after: .seconds(12)))
    }

    @Test func totalBudgetOf40Seconds() {
        #expect(policy.decide(after: .status(429), attempt: 1, retryAfter: .seconds(30), elapsed: .seconds(11), random: 0) == .giveUp)
        #expect(policy.decide(after: .status(429), attempt: 1, retryAfter: .seconds(30), elapsed: .seconds(10), random: 0) == .retry(after: .seconds(30)))
        #expect(policy.decide(after: .timeout, attempt: 2, retryAfter: nil, elapsed: .milliseconds(39_500), random: 1) == .giveUp)
    }

    @Test(arguments: [408, 425, 429, 500, 502, 503, 504, 529])
    func retryableStatuses(status: Int) {
        #expect(policy.decide(after: .status(status), attempt: 1, retryAfter: nil, elapsed: .zero, random: 1) == .retry(after: .milliseconds(500)))
    }

    @Test(arguments: [400, 401, 403, 404, 422, 501])
    func otherStatusesGiveUp(status: Int) {
        #expect(policy.decide(after: .status(status), attempt: 1, retryAfter: nil, elapsed: .zero, random: 1) == .giveUp)
    }

    @Test func aRefusedConnectionIsRetriedOnceWithTheShortBackoff() {
        #expect(policy.decide(after: .refused, attempt: 1, retryAfter: nil, elapsed: .zero, random: 1) == .retry(after: .milliseconds(500)))
        #expect(policy.decide(after: .refused, attempt: 2, retryAfter: nil, elapsed: .zero, random: 1) == .giveUp)
        // Other connection failures keep the full attempt count.
        #expect(policy.decide(after: .connection, attempt: 2, retryAfter: nil, elapsed: .zero, random: 1) == .retry(after: .seconds(1)))
    }

    /// The notice states the delay actually slept, to the tenth below 10 s.
    @Test func retryMessagesStateTheDelayThatIsSlept() {
        #expect(RetryPolicy.message(delay: .seconds(2), failure: .status(429)) == "retrying in 2 s (429)")
        #expect(RetryPolicy.message(delay: .milliseconds(400), failure: .timeout) == "retrying in 0.4 s (timeout)")
        #expect(RetryPolicy.message(delay: .milliseconds(1_600), failure: .connection) == "retrying in 1.6 s (connection failed)")
        #expect(RetryPolicy.message(delay: .milliseconds(1_200), failure: .refused) == "retrying in 1.2 s (connection refused)")
        #expect(RetryPolicy.message(delay: .milliseconds(9_940), failure: .timeout) == "retrying in 9.9 s (timeout)")
        #expect(RetryPolicy.message(delay: .milliseconds(12_400), failure: .status(503)) == "retrying in 12 s (503)")
        #expect(RetryPolicy.message(delay: .zero, failure: .status(500)) == "retrying in 0 s (500)")
    }

    @Test func parsesRetryAfterSecondsAndHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_445_412_480) // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.parseRetryAfter("3", now: now) == .seconds(3))
        #expect(RetryPolicy.parseRetryAfter(" 0 ", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now: now) == .seconds(5))
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter("-1", now: now) == nil)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
        #expect(RetryPolicy.parseRetryAfter(nil, now: now) == nil)
    }
}
