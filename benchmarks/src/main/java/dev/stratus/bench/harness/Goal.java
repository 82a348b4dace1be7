package dev.stratus.bench.harness;

import java.util.List;
import java.util.Optional;

/**
 * A performance goal of an engine, as its issue states it, checked against one run's results. Ratios compare
 * operations per second of ours over the baseline's, so "at most 2x slower" is {@code minRatio(0.5)}.
 */
record Goal(String engine, String text, Selector ours, Selector baseline, Check check) {

    /** What a goal demands. */
    sealed interface Check permits MinRatio, MinOpsPerSecond, MaxSecondsPerOp, MaxBytesPerOp, MaxScore,
            ReportOnly {
    }

    /** ours / baseline, in operations per second, at least {@code value}. */
    record MinRatio(double value) implements Check {
    }

    /** At least {@code value} operations per second. */
    record MinOpsPerSecond(double value) implements Check {
    }

    /** At most {@code value} seconds per operation. */
    record MaxSecondsPerOp(double value) implements Check {
    }

    /** At most {@code value} bytes allocated per operation. */
    record MaxBytesPerOp(double value) implements Check {
    }

    /** The selected score itself (e.g. a counter such as bytes per execution) at most {@code value}. */
    record MaxScore(double value) implements Check {
    }

    /** No target: the figure is reported. */
    record ReportOnly() implements Check {
    }

    static Goal ratio(final String engine, final String text, final String ours, final String baseline,
            final double min) {
        return new Goal(engine, text, Selector.parse(ours), Selector.parse(baseline), new MinRatio(min));
    }

    static Goal throughput(final String engine, final String text, final String ours, final double minOps) {
        return new Goal(engine, text, Selector.parse(ours), null, new MinOpsPerSecond(minOps));
    }

    static Goal latency(final String engine, final String text, final String ours, final double maxSeconds) {
        return new Goal(engine, text, Selector.parse(ours), null, new MaxSecondsPerOp(maxSeconds));
    }

    static Goal allocation(final String engine, final String text, final String ours, final double maxBytes) {
        return new Goal(engine, text, Selector.parse(ours), null, new MaxBytesPerOp(maxBytes));
    }

    static Goal maxScore(final String engine, final String text, final String ours, final double max) {
        return new Goal(engine, text, Selector.parse(ours), null, new MaxScore(max));
    }

    static Goal report(final String engine, final String text, final String ours) {
        return new Goal(engine, text, Selector.parse(ours), null, new ReportOnly());
    }

    static Goal compare(final String engine, final String text, final String ours, final String baseline) {
        return new Goal(engine, text, Selector.parse(ours), Selector.parse(baseline), new ReportOnly());
    }

    /** The verdict on one run's results. */
    record Outcome(Goal goal, Optional<Result> ours, Optional<Result> baseline, String oursText, String baselineText,
            String ratioText, String targetText, String verdict) {
    }

    Outcome evaluate(final List<Result> results) {
        Optional<Result> mine = ours.find(results);
        Optional<Result> base = baseline == null ? Optional.empty() : baseline.find(results);
        if (mine.isEmpty() || (baseline != null && base.isEmpty())) {
            return new Outcome(this, mine, base, mine.map(Goal::throughputText).orElse("not run"),
                    base.map(Goal::throughputText).orElse(baseline == null ? "" : "not run"), "", target(),
                    "not run");
        }
        Result r = mine.get();
        if (check instanceof MinRatio c) {
            double ratio = r.opsPerSecond() / base.get().opsPerSecond();
            return new Outcome(this, mine, base, throughputText(r), throughputText(base.get()),
                    String.format("%.2fx", ratio), target(), ratio >= c.value() ? "met" : "missed");
        }
        if (check instanceof MinOpsPerSecond c) {
            return new Outcome(this, mine, base, throughputText(r), "", "", target(),
                    r.opsPerSecond() >= c.value() ? "met" : "missed");
        }
        if (check instanceof MaxSecondsPerOp c) {
            return new Outcome(this, mine, base, timeText(r.secondsPerOp()), "", "", target(),
                    r.secondsPerOp() <= c.value() ? "met" : "missed");
        }
        if (check instanceof MaxBytesPerOp c) {
            String verdict = Double.isNaN(r.bytesPerOp()) ? "not measured" : Double.isNaN(c.value()) ? "reported"
                    : r.bytesPerOp() <= c.value() ? "met" : "missed";
            return new Outcome(this, mine, base, String.format("%.1f B/op", r.bytesPerOp()), "", "", target(),
                    verdict);
        }
        if (check instanceof MaxScore c) {
            return new Outcome(this, mine, base, String.format("%.1f %s", r.score(), r.unit()), "", "", target(),
                    r.score() <= c.value() ? "met" : "missed");
        }
        return new Outcome(this, mine, base, throughputText(r), base.map(Goal::throughputText).orElse(""),
                base.map(b -> String.format("%.2fx", r.opsPerSecond() / b.opsPerSecond())).orElse(""), target(),
                "reported");
    }

    String target() {
        if (check instanceof MinRatio c) {
            return c.value() >= 1 ? String.format(">= %.2gx", c.value())
                    : String.format("<= %.2gx slower", 1 / c.value());
        }
        if (check instanceof MinOpsPerSecond c) {
            return ">= " + opsText(c.value());
        }
        if (check instanceof MaxSecondsPerOp c) {
            return "<= " + timeText(c.value());
        }
        if (check instanceof MaxBytesPerOp c) {
            return Double.isNaN(c.value()) ? "report" : String.format("<= %.0f B/op", c.value());
        }
        if (check instanceof MaxScore c) {
            return String.format("<= %.0f", c.value());
        }
        return "report";
    }

    static String throughputText(final Result r) {
        return opsText(r.opsPerSecond()) + " (" + timeText(r.secondsPerOp()) + ")";
    }

    static String opsText(final double ops) {
        if (ops >= 1e6) {
            return String.format("%.2f M/s", ops / 1e6);
        }
        if (ops >= 1e3) {
            return String.format("%.1f k/s", ops / 1e3);
        }
        return String.format("%.1f /s", ops);
    }

    static String timeText(final double seconds) {
        if (seconds < 1e-6) {
            return String.format("%.1f ns", seconds * 1e9);
        }
        if (seconds < 1e-3) {
            return String.format("%.2f us", seconds * 1e6);
        }
        if (seconds < 1) {
            return String.format("%.2f ms", seconds * 1e3);
        }
        return String.format("%.2f s", seconds);
    }
}
