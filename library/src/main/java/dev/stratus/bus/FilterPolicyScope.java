package dev.stratus.bus;

import dev.stratus.core.StratusException;
import java.util.Objects;

/** What a subscription's filter policy looks at: the message attributes (the default) or the JSON body. */
public enum FilterPolicyScope {
    /** Typed message attributes; {@code Binary} attributes are ignored, nested policies are rejected. */
    MESSAGE_ATTRIBUTES("MessageAttributes"),
    /** The message body parsed as a JSON object; a body that is not a JSON object never matches. */
    MESSAGE_BODY("MessageBody");

    private final String awsName;

    FilterPolicyScope(final String awsName) {
        this.awsName = awsName;
    }

    /** The attribute value AWS uses: {@code MessageAttributes} or {@code MessageBody}. */
    public String awsName() {
        return awsName;
    }

    /**
     * The scope named by AWS's attribute value.
     *
     * @throws StratusException {@code InvalidParameter} with AWS's message for any other value
     */
    public static FilterPolicyScope fromAwsName(final String value) {
        Objects.requireNonNull(value, "value");
        for (FilterPolicyScope scope : values()) {
            if (scope.awsName.equals(value)) {
                return scope;
            }
        }
        throw new StratusException("InvalidParameter", "Invalid parameter: FilterPolicyScope: Invalid value ["
                + value + "]. Please use either MessageBody or MessageAttributes");
    }
}
