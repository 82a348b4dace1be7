package dev.stratus.bus.internal;

import java.time.Duration;

/**
 * SNS's fixed retry policy for AWS-managed endpoints (SQS, Lambda): 3 immediate retries, 2 one second apart, 10
 * with exponential backoff from 1 to 20 seconds, then 100,000 twenty seconds apart (100,015 retries over 23 days).
 */
public final class RetrySchedule {
    public static final int IMMEDIATE = 3;
    public static final int PRE_BACKOFF = 2;
    public static final int BACKOFF = 10;
    public static final int POST_BACKOFF = 100_000;
    public static final int TOTAL = IMMEDIATE + PRE_BACKOFF + BACKOFF + POST_BACKOFF;

    private RetrySchedule() {
    }

    /** The delay before retry number {@code retry} (1-based), or null once the policy is exhausted. */
    public static Duration delayBefore(final int retry) {
        if (retry <= IMMEDIATE) {
            return Duration.ZERO;
        }
        if (retry <= IMMEDIATE + PRE_BACKOFF) {
            return Duration.ofSeconds(1);
        }
        if (retry <= IMMEDIATE + PRE_BACKOFF + BACKOFF) {
            int step = retry - IMMEDIATE - PRE_BACKOFF - 1;
            double seconds = Math.pow(20.0, step / (double) (BACKOFF - 1));
            return Duration.ofMillis(Math.round(seconds * 1000));
        }
        if (retry <= TOTAL) {
            return Duration.ofSeconds(20);
        }
        return null;
    }
}
