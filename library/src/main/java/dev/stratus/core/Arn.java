package dev.stratus.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Amazon Resource Name: {@code arn:partition:service:region:account-id:resource}. The resource part may itself
 * contain colons or slashes ({@code stateMachine:Orders}, {@code function:Fn:PROD}, {@code targetgroup/web/73e2}).
 *
 * <pre>{@code
 * Arn arn = Arn.parse("arn:aws:sns:us-east-1:111111111111:orders");
 * arn.service();        // "sns"
 * arn.resourceName();   // "orders"
 * }</pre>
 *
 * @param partition {@code aws}, {@code aws-cn}, {@code aws-us-gov}, ...
 * @param service the service namespace, e.g. {@code states}, {@code sns}, {@code lambda}
 * @param region the region, or empty for global resources
 * @param account the 12-digit account id, or empty for resources without one
 * @param resource the resource part, never empty
 */
public record Arn(String partition, String service, String region, String account, String resource) {
    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");
    private static final Pattern SERVICE = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern REGION = Pattern.compile("([a-z]{2}(-[a-z]+)+-\\d+)?");
    private static final Pattern ACCOUNT = Pattern.compile("(\\d{12})?");

    /**
     * Validates every part.
     *
     * @throws IllegalArgumentException naming the first part that is malformed
     */
    public Arn {
        check("partition", partition, PARTITION);
        check("service", service, SERVICE);
        check("region", region, REGION);
        check("account", account, ACCOUNT);
        Objects.requireNonNull(resource, "resource");
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("ARN resource must not be empty: resource=");
        }
    }

    /**
     * Parses {@code arn:partition:service:region:account:resource}.
     *
     * @throws IllegalArgumentException naming the part that is wrong, e.g.
     *     {@code "ARN account must be 12 digits: account=1234, arn=arn:aws:sns:us-east-1:1234:t"}
     */
    public static Arn parse(final String text) {
        Objects.requireNonNull(text, "arn");
        String[] parts = text.split(":", 6);
        if (parts.length < 6) {
            throw new IllegalArgumentException(
                    "ARN must have 6 parts arn:partition:service:region:account:resource: arn=" + text);
        }
        if (!parts[0].equals("arn")) {
            throw new IllegalArgumentException("ARN must start with 'arn': prefix=" + parts[0] + ", arn=" + text);
        }
        try {
            return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + ", arn=" + text, e);
        }
    }

    /** Whether {@code text} parses as an ARN. */
    public static boolean isArn(final String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** An ARN in partition {@code aws}. */
    public static Arn of(final String service, final String region, final String account, final String resource) {
        return new Arn("aws", service, region, account, resource);
    }

    /**
     * The last segment of the resource, after its final {@code :} or {@code /}: the name of a topic, queue,
     * function or state machine. A function version or alias suffix is kept as the resource's own business:
     * {@code function:Fn:PROD} gives {@code PROD}; use {@link #resource()} to see the whole.
     */
    public String resourceName() {
        int cut = Math.max(resource.lastIndexOf(':'), resource.lastIndexOf('/'));
        return resource.substring(cut + 1);
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
    }

    private static void check(final String part, final String value, final Pattern pattern) {
        Objects.requireNonNull(value, part);
        if (!pattern.matcher(value).matches()) {
            String rule = switch (part) {
                case "partition" -> "must be aws or aws-<name>";
                case "service" -> "must be lower-case letters, digits and hyphens";
                case "region" -> "must look like us-east-1 or be empty";
                default -> "must be 12 digits or empty";
            };
            throw new IllegalArgumentException("ARN " + part + " " + rule + ": " + part + "=" + value);
        }
    }
}
