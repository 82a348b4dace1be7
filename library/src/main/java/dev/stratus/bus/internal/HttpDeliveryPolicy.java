package dev.stratus.bus.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * An HTTP/S subscription's {@code DeliveryPolicy}: the healthy retry policy (no-delay, minimum-delay, backoff and
 * maximum-delay phases), the throttle and the request content type. Backoff curves run from the minimum to the
 * maximum delay over the backoff phase; AWS does not publish its exact curves, so these are close approximations.
 */
public final class HttpDeliveryPolicy {
    /** SNS's defaults: 3 retries, 20 seconds apart, linear. */
    public static final HttpDeliveryPolicy DEFAULT = new HttpDeliveryPolicy(20, 20, 3, 0, 0, 0, "linear", 0, null,
            false, false, false, "{}");
    private static final Set<String> FUNCTIONS = Set.of("linear", "arithmetic", "geometric", "exponential");

    private final int minDelaySeconds;
    private final int maxDelaySeconds;
    private final int numRetries;
    private final int noDelayRetries;
    private final int minDelayRetries;
    private final int maxDelayRetries;
    private final String backoffFunction;
    private final int maxReceivesPerSecond;
    private final String contentType;
    private final boolean disableSubscriptionOverrides;
    private final boolean hasRetryPolicy;
    private final boolean hasThrottlePolicy;
    private final String json;

    private HttpDeliveryPolicy(final int minDelaySeconds, final int maxDelaySeconds, final int numRetries,
            final int noDelayRetries, final int minDelayRetries, final int maxDelayRetries,
            final String backoffFunction, final int maxReceivesPerSecond, final String contentType,
            final boolean disableSubscriptionOverrides, final boolean hasRetryPolicy, final boolean hasThrottlePolicy,
            final String json) {
        this.minDelaySeconds = minDelaySeconds;
        this.maxDelaySeconds = maxDelaySeconds;
        this.numRetries = numRetries;
        this.noDelayRetries = noDelayRetries;
        this.minDelayRetries = minDelayRetries;
        this.maxDelayRetries = maxDelayRetries;
        this.backoffFunction = backoffFunction;
        this.maxReceivesPerSecond = maxReceivesPerSecond;
        this.contentType = contentType;
        this.disableSubscriptionOverrides = disableSubscriptionOverrides;
        this.hasRetryPolicy = hasRetryPolicy;
        this.hasThrottlePolicy = hasThrottlePolicy;
        this.json = json;
    }

    /**
     * Parses a subscription's DeliveryPolicy.
     *
     * @param prefix the operation's message prefix, e.g. {@code Invalid parameter: }
     * @throws StratusException {@code InvalidParameter} naming the field and value
     */
    public static HttpDeliveryPolicy parse(final String text, final String prefix) {
        JsonNode root;
        try {
            root = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw invalid(prefix, "failed to parse JSON.");
        }
        if (root == null || !root.isObject()) {
            throw invalid(prefix, "failed to parse JSON.");
        }
        JsonNode http = root.has("http") ? root.get("http") : root;
        JsonNode retry = http.has("healthyRetryPolicy") ? http.get("healthyRetryPolicy")
                : http.path("defaultHealthyRetryPolicy");
        int min = intField(retry, "minDelayTarget", 20, prefix);
        int max = intField(retry, "maxDelayTarget", 20, prefix);
        int retries = intField(retry, "numRetries", 3, prefix);
        int noDelay = intField(retry, "numNoDelayRetries", 0, prefix);
        int minRetries = intField(retry, "numMinDelayRetries", 0, prefix);
        int maxRetries = intField(retry, "numMaxDelayRetries", 0, prefix);
        String function = retry.path("backoffFunction").asText("linear").toLowerCase(Locale.ROOT);
        check(min >= 1 && min <= max, prefix, "minDelayTarget must be between 1 and maxDelayTarget: minDelayTarget="
                + min + ", maxDelayTarget=" + max);
        check(max <= 3600, prefix, "maxDelayTarget must be at most 3600: maxDelayTarget=" + max);
        check(retries >= 0 && retries <= 100, prefix, "numRetries must be between 0 and 100: numRetries=" + retries);
        check(noDelay >= 0 && minRetries >= 0 && maxRetries >= 0 && noDelay + minRetries + maxRetries <= retries,
                prefix, "numNoDelayRetries + numMinDelayRetries + numMaxDelayRetries must not exceed numRetries: "
                        + "numRetries=" + retries);
        check(FUNCTIONS.contains(function), prefix, "backoffFunction must be linear, arithmetic, geometric or "
                + "exponential: backoffFunction=" + retry.path("backoffFunction").asText());
        JsonNode throttle = http.has("throttlePolicy") ? http.get("throttlePolicy")
                : http.path("defaultThrottlePolicy");
        int rate = intField(throttle, "maxReceivesPerSecond", 0, prefix);
        check(!throttle.has("maxReceivesPerSecond") || rate >= 1, prefix,
                "maxReceivesPerSecond must be at least 1: maxReceivesPerSecond=" + rate);
        String contentType = http.path("requestPolicy").path("headerContentType").asText(null);
        HttpDeliveryPolicy policy = new HttpDeliveryPolicy(min, max, retries, noDelay, minRetries, maxRetries,
                function, rate, contentType, http.path("disableSubscriptionOverrides").asBoolean(false),
                !retry.isMissingNode(), !throttle.isMissingNode(), text);
        long total = 0;
        for (int i = 1; i <= retries; i++) {
            total += policy.delayBefore(i).toSeconds();
        }
        check(total <= 3600, prefix, "total retry time must be at most 3600 seconds: total=" + total);
        return policy;
    }

    /** The delay before retry number {@code retry} (1-based), or null once the retries are used up. */
    public Duration delayBefore(final int retry) {
        if (retry > numRetries) {
            return null;
        }
        if (retry <= noDelayRetries) {
            return Duration.ZERO;
        }
        if (retry <= noDelayRetries + minDelayRetries) {
            return Duration.ofSeconds(minDelaySeconds);
        }
        int backoff = numRetries - noDelayRetries - minDelayRetries - maxDelayRetries;
        int step = retry - noDelayRetries - minDelayRetries;
        if (step > backoff) {
            return Duration.ofSeconds(maxDelaySeconds);
        }
        double fraction = backoff <= 1 ? 1.0 : (step - 1) / (double) (backoff - 1);
        double span = maxDelaySeconds - minDelaySeconds;
        double seconds = switch (backoffFunction) {
            case "arithmetic" -> minDelaySeconds + span * fraction * fraction;
            case "geometric" -> minDelaySeconds * Math.pow((double) maxDelaySeconds / minDelaySeconds, fraction);
            case "exponential" -> minDelaySeconds + span * (Math.pow(2, fraction * 10) - 1) / 1023.0;
            default -> minDelaySeconds + span * fraction;
        };
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** Deliveries allowed per second, or 0 for no throttle. */
    public int maxReceivesPerSecond() {
        return maxReceivesPerSecond;
    }

    /**
     * The policy in force for a subscription with this policy on a topic with {@code topicDefault}: sections the
     * subscription does not set come from the topic, and all of them when the topic disables overrides.
     */
    public HttpDeliveryPolicy over(final HttpDeliveryPolicy topicDefault) {
        if (topicDefault == null) {
            return this;
        }
        boolean override = !topicDefault.disableSubscriptionOverrides;
        HttpDeliveryPolicy retry = override && hasRetryPolicy ? this : topicDefault;
        HttpDeliveryPolicy throttle = override && hasThrottlePolicy ? this : topicDefault;
        return new HttpDeliveryPolicy(retry.minDelaySeconds, retry.maxDelaySeconds, retry.numRetries,
                retry.noDelayRetries, retry.minDelayRetries, retry.maxDelayRetries, retry.backoffFunction,
                throttle.maxReceivesPerSecond, contentType != null ? contentType : topicDefault.contentType, false,
                true, true, json);
    }

    /** Whether a topic-level policy overrides its subscriptions' own. */
    public boolean disableSubscriptionOverrides() {
        return disableSubscriptionOverrides;
    }

    /** The Content-Type header, or null for SNS's default. */
    public String contentType() {
        return contentType;
    }

    /** The policy as given. */
    public String json() {
        return json;
    }

    private static int intField(final JsonNode node, final String field, final int defaultValue,
            final String prefix) {
        JsonNode value = node.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw invalid(prefix, field + " must be an integer: " + field + "=" + value);
        }
        return value.intValue();
    }

    private static void check(final boolean condition, final String prefix, final String message) {
        if (!condition) {
            throw invalid(prefix, message);
        }
    }

    private static StratusException invalid(final String prefix, final String message) {
        return new StratusException("InvalidParameter", prefix + "DeliveryPolicy: " + message);
    }
}
