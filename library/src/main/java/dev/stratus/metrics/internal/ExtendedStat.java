package dev.stratus.metrics.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed extended statistic: {@code pNN}, {@code tmNN}/{@code TM(a%:b%)}/{@code TM(a:b)}, {@code IQM},
 * {@code wm}/{@code WM}, {@code tc}/{@code TC}, {@code ts}/{@code TS} and {@code PR(a:b)}. Percent bounds select by
 * rank (lower exclusive, upper inclusive); absolute bounds select by value, {@code a < v <= b}.
 *
 * @param kind P, TM, WM, TC, TS or PR
 * @param low lower bound (percent or value), NaN when open
 * @param high upper bound (percent or value), NaN when open
 * @param percent whether the bounds are percentages
 * @param text the statistic as written
 */
public record ExtendedStat(String kind, double low, double high, boolean percent, String text) {
    private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(\\.\\d{1,10})?)");
    private static final Pattern SHORT = Pattern.compile("(tm|wm|tc|ts)(\\d{1,3}(\\.\\d{1,10})?)");
    private static final Pattern RANGE = Pattern.compile(
            "(TM|WM|TC|TS|PR)\\(\\s*(-?\\d+(\\.\\d+)?)?(%?)\\s*:\\s*(-?\\d+(\\.\\d+)?)?(%?)\\s*\\)");

    /** Parses {@code text}, or returns null if it is not an extended statistic. */
    public static ExtendedStat parse(final String text) {
        if (text == null) {
            return null;
        }
        if (text.equals("IQM")) {
            return new ExtendedStat("TM", 25, 75, true, text);
        }
        Matcher m = PERCENTILE.matcher(text);
        if (m.matches()) {
            double p = Double.parseDouble(m.group(1));
            return p <= 100 ? new ExtendedStat("P", p, p, true, text) : null;
        }
        m = SHORT.matcher(text);
        if (m.matches()) {
            double p = Double.parseDouble(m.group(2));
            return p <= 100 ? new ExtendedStat(m.group(1).toUpperCase(java.util.Locale.ROOT), Double.NaN, p, true,
                    text) : null;
        }
        m = RANGE.matcher(text);
        if (m.matches()) {
            boolean lowPercent = !m.group(4).isEmpty();
            boolean highPercent = !m.group(7).isEmpty();
            double low = m.group(2) == null ? Double.NaN : Double.parseDouble(m.group(2));
            double high = m.group(5) == null ? Double.NaN : Double.parseDouble(m.group(5));
            if (m.group(2) != null && m.group(5) != null && lowPercent != highPercent) {
                return null;
            }
            boolean percent = lowPercent || highPercent;
            if (m.group(1).equals("PR") && percent) {
                return null;
            }
            if (percent && (low < 0 || high > 100 || low > high)) {
                return null;
            }
            if (!percent && !Double.isNaN(low) && !Double.isNaN(high) && low > high) {
                return null;
            }
            return new ExtendedStat(m.group(1), low, high, percent, text);
        }
        return null;
    }

    /** The statistic over {@code agg}, or NaN when CloudWatch would give none (no values, or a negative one). */
    public double evaluate(final Agg agg) {
        if (agg.noPercentiles || agg.count <= 0) {
            return Double.NaN;
        }
        Distribution distribution = agg.distribution;
        int n = distribution == null ? 1 : distribution.pairCount();
        double[] values = new double[n];
        double[] weights = new double[n];
        if (distribution == null) {
            values[0] = agg.min;
            weights[0] = agg.count;
        } else {
            distribution.pairs(values, weights);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            values[i] = Math.max(agg.min, Math.min(agg.max, values[i]));
            total += weights[i];
        }
        if (kind.equals("P")) {
            return percentile(values, weights, n, total, low, agg);
        }
        double selectedWeight = 0;
        double selectedSum = 0;
        if (percent) {
            double fromRank = Double.isNaN(low) ? 0 : low / 100 * total;
            double toRank = Double.isNaN(high) ? total : high / 100 * total;
            if (kind.equals("WM")) {
                double lowValue = percentile(values, weights, n, total, Double.isNaN(low) ? 0 : low, agg);
                double highValue = percentile(values, weights, n, total, Double.isNaN(high) ? 100 : high, agg);
                return winsorized(values, weights, n, total, lowValue, highValue);
            }
            double cumulative = 0;
            for (int i = 0; i < n; i++) {
                double start = cumulative;
                cumulative += weights[i];
                double overlap = Math.min(cumulative, toRank) - Math.max(start, fromRank);
                if (overlap > 0) {
                    selectedWeight += overlap;
                    selectedSum += overlap * values[i];
                }
            }
        } else {
            if (kind.equals("WM")) {
                return winsorized(values, weights, n, total, Double.isNaN(low) ? Double.NEGATIVE_INFINITY : low,
                        Double.isNaN(high) ? Double.POSITIVE_INFINITY : high);
            }
            for (int i = 0; i < n; i++) {
                boolean above = Double.isNaN(low) || values[i] > low;
                boolean below = Double.isNaN(high) || values[i] <= high;
                if (above && below) {
                    selectedWeight += weights[i];
                    selectedSum += weights[i] * values[i];
                }
            }
        }
        return switch (kind) {
            case "TM" -> selectedWeight == 0 ? Double.NaN : selectedSum / selectedWeight;
            case "TC" -> selectedWeight;
            case "TS" -> selectedSum;
            case "PR" -> 100 * selectedWeight / total;
            default -> throw new IllegalStateException("kind " + kind);
        };
    }

    private static double percentile(final double[] values, final double[] weights, final int n, final double total,
            final double p, final Agg agg) {
        if (p <= 0) {
            return agg.min;
        }
        if (p >= 100) {
            return agg.max;
        }
        double rank = p / 100 * total;
        double cumulative = 0;
        for (int i = 0; i < n; i++) {
            cumulative += weights[i];
            if (cumulative >= rank - 1e-9 * total) {
                return values[i];
            }
        }
        return values[n - 1];
    }

    private static double winsorized(final double[] values, final double[] weights, final int n, final double total,
            final double lowValue, final double highValue) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.max(lowValue, Math.min(highValue, values[i])) * weights[i];
        }
        return sum / total;
    }
}
