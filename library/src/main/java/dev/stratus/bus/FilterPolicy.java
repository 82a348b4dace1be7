package dev.stratus.bus;

import dev.stratus.bus.internal.Attributes;
import dev.stratus.bus.internal.BodyFields;
import dev.stratus.bus.internal.CompiledPolicy;
import dev.stratus.bus.internal.PolicyException;
import dev.stratus.core.StratusException;
import java.util.Map;
import java.util.Objects;

/**
 * An SNS subscription filter policy, validated with AWS's rules and texts and compiled once. The grammar is SNS's:
 * exact strings and numbers, {@code null}/booleans, {@code prefix}, {@code suffix}, {@code equals-ignore-case},
 * {@code anything-but} (value, list or prefix), {@code numeric} ranges, {@code exists}, {@code cidr}, {@code $or},
 * nested keys in body scope, at most 5 top-level keys and 150 combinations.
 *
 * <pre>{@code
 * FilterPolicy policy = FilterPolicy.parse("{\"store\": [\"example_corp\"], \"price\": [{\"numeric\": [\">\", 10]}]}",
 *         FilterPolicyScope.MESSAGE_ATTRIBUTES);
 * }</pre>
 *
 * <p>AWS applies a changed policy within up to 15 minutes; Stratus applies it at once. Immutable and thread-safe.
 */
public final class FilterPolicy {
    private final String json;
    private final FilterPolicyScope scope;
    private final CompiledPolicy compiled;

    private FilterPolicy(final String json, final FilterPolicyScope scope, final CompiledPolicy compiled) {
        this.json = json;
        this.scope = scope;
        this.compiled = compiled;
    }

    /**
     * Parses a policy for the {@code MessageAttributes} scope.
     *
     * @throws StratusException {@code InvalidParameter}, worded as SetSubscriptionAttributes words it, e.g.
     *     {@code Invalid parameter: FilterPolicy: Filter policy is too complex}
     */
    public static FilterPolicy parse(final String json) {
        return parse(json, FilterPolicyScope.MESSAGE_ATTRIBUTES);
    }

    /**
     * Parses a policy for the given scope.
     *
     * @throws StratusException {@code InvalidParameter}, worded as SetSubscriptionAttributes words it, e.g.
     *     {@code Invalid parameter: FilterPolicy: "key" must be an object or an array}
     */
    public static FilterPolicy parse(final String json, final FilterPolicyScope scope) {
        return parse(json, scope, "Invalid parameter: ");
    }

    static FilterPolicy parse(final String json, final FilterPolicyScope scope, final String errorPrefix) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(scope, "scope");
        try {
            CompiledPolicy compiled = dev.stratus.bus.internal.PolicyCompiler.compile(json,
                    scope == FilterPolicyScope.MESSAGE_BODY);
            return new FilterPolicy(json, scope, compiled);
        } catch (PolicyException e) {
            throw new StratusException("InvalidParameter", errorPrefix + e.reason());
        }
    }

    /** The policy as given. */
    public String json() {
        return json;
    }

    /** What the policy looks at. */
    public FilterPolicyScope scope() {
        return scope;
    }

    /** The combination count SNS limits to 150. */
    public int combinations() {
        return compiled.combinations();
    }

    /** The same policy text compiled for another scope. */
    public FilterPolicy withScope(final FilterPolicyScope newScope) {
        return newScope == scope ? this : parse(json, newScope);
    }

    /**
     * Whether a message with these attributes and body passes the policy, in its scope.
     *
     * @throws StratusException {@code InvalidParameterValue} if an attribute breaks AWS's rules
     */
    public boolean matches(final Map<String, MessageAttribute> attributes, final String body) {
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(body, "body");
        if (scope == FilterPolicyScope.MESSAGE_BODY) {
            BodyFields fields = BodyFields.parse(body);
            return fields != null && compiled.matches(fields);
        }
        Attributes.validate(attributes);
        return compiled.matches(Attributes.fields(attributes));
    }

    CompiledPolicy compiled() {
        return compiled;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof FilterPolicy that && json.equals(that.json) && scope == that.scope;
    }

    @Override
    public int hashCode() {
        return json.hashCode() * 31 + scope.hashCode();
    }

    @Override
    public String toString() {
        return "FilterPolicy[" + scope.awsName() + ", " + json + "]";
    }
}
