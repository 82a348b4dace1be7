package dev.stratus.conformance;

import java.util.Objects;

/** The outcome of one conformance case. */
public record Verdict(Status status, String reason) {

    /** Whether a case passed, failed or could not be run. */
    public enum Status { PASSED, FAILED, SKIPPED }

    public Verdict {
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
    }

    public static Verdict passed() {
        return new Verdict(Status.PASSED, "");
    }

    public static Verdict failed(final String reason) {
        return new Verdict(Status.FAILED, reason);
    }

    public static Verdict skipped(final String reason) {
        return new Verdict(Status.SKIPPED, reason);
    }

    /** Passed when {@code mismatch} is null, otherwise failed with it as the reason. */
    public static Verdict of(final String mismatch) {
        return mismatch == null ? passed() : failed(mismatch);
    }
}
