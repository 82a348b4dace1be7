package dev.stratus;

import dev.stratus.core.Arn;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.Ids;
import dev.stratus.core.RandomSource;
import dev.stratus.states.States;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The optional facade that builds the engines on one clock, one random source and one error handler, in one
 * account and region, and wires them to each other (tasks that publish to topics, alarms that notify topics,
 * balancer counters that feed metrics). Every engine also stands alone behind its own {@code builder()}.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
 * Stratus stratus = Stratus.builder()
 *         .clock(clock)
 *         .seed(42)
 *         .build();
 * }</pre>
 *
 * <p>Immutable in configuration and thread-safe.
 */
public final class Stratus {
    /** The account id used when none is set, as in the recorded AWS cases. */
    public static final String DEFAULT_ACCOUNT = "111111111111";
    /** The region used when none is set. */
    public static final String DEFAULT_REGION = "us-east-1";

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private final String account;
    private final String region;
    private final Clock clock;
    private final RandomSource random;
    private final ErrorHandler errorHandler;
    private final Ids ids;

    // ---- States engine (issue 3)
    private final Consumer<States.Builder> statesCustomizer;
    private volatile States states;

    private Stratus(final Builder builder) {
        this.statesCustomizer = builder.statesCustomizer;
        this.account = builder.account;
        this.region = builder.region;
        this.clock = builder.clock;
        this.random = builder.random != null ? builder.random : RandomSource.unseeded();
        this.errorHandler = builder.errorHandler;
        this.ids = new Ids(random);
    }

    /** A builder with the defaults: account {@value #DEFAULT_ACCOUNT}, region {@value #DEFAULT_REGION}, real time. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this instance's settings, for a variant. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.account = account;
        builder.region = region;
        builder.clock = clock;
        builder.random = random;
        builder.errorHandler = errorHandler;
        builder.statesCustomizer = statesCustomizer;
        return builder;
    }

    /**
     * The States engine on this instance's clock, random source, error handler, account and region, with the
     * {@link Builder#states(Consumer)} customizations; built on first use.
     */
    public States states() {
        States current = states;
        if (current == null) {
            synchronized (this) {
                current = states;
                if (current == null) {
                    States.Builder builder = States.builder().clock(clock).random(random.split())
                            .errorHandler(errorHandler).account(account).region(region);
                    statesCustomizer.accept(builder);
                    current = builder.build();
                    states = current;
                }
            }
        }
        return current;
    }

    /** The 12-digit account id in every ARN this instance makes. */
    public String account() {
        return account;
    }

    /** The region in every ARN this instance makes. */
    public String region() {
        return region;
    }

    /** The clock every engine runs on. */
    public Clock clock() {
        return clock;
    }

    /** The random source every engine draws from. */
    public RandomSource random() {
        return random;
    }

    /** Generated ids (execution names, message ids, request ids) drawn from {@link #random()}. */
    public Ids ids() {
        return ids;
    }

    /** Where asynchronous failures go. */
    public ErrorHandler errorHandler() {
        return errorHandler;
    }

    /**
     * An ARN in this instance's account and region, e.g. {@code arn("sns", "orders")}.
     *
     * @throws IllegalArgumentException if {@code service} or {@code resource} is malformed
     */
    public Arn arn(final String service, final String resource) {
        return Arn.of(service, region, account, resource);
    }

    @Override
    public String toString() {
        return "Stratus[account=" + account + ", region=" + region + ", clock=" + clock + "]";
    }

    /** Settings for a {@link Stratus}; each setter checks its argument at once, {@link #build()} may be repeated. */
    public static final class Builder {
        private String account = DEFAULT_ACCOUNT;
        private String region = DEFAULT_REGION;
        private Clock clock = Clock.system();
        private RandomSource random;
        private ErrorHandler errorHandler = ErrorHandler.logging();
        private Consumer<States.Builder> statesCustomizer = b -> {
        };

        private Builder() {
        }

        /** Customizes the States engine (task handlers, activities, objects) before it is built. */
        public Builder states(final Consumer<States.Builder> customizer) {
            this.statesCustomizer = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * The account id in ARNs.
         *
         * @throws IllegalArgumentException if not 12 digits
         */
        public Builder account(final String account) {
            Objects.requireNonNull(account, "account");
            if (!ACCOUNT.matcher(account).matches()) {
                throw new IllegalArgumentException("account must be 12 digits: account=" + account);
            }
            this.account = account;
            return this;
        }

        /**
         * The region in ARNs.
         *
         * @throws IllegalArgumentException if it does not look like {@code us-east-1}
         */
        public Builder region(final String region) {
            Objects.requireNonNull(region, "region");
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("region must look like us-east-1: region=" + region);
            }
            this.region = region;
            return this;
        }

        /** The clock for every engine; a {@link dev.stratus.core.ManualClock} makes runs deterministic. */
        public Builder clock(final Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The random source for every engine. Default: {@link RandomSource#unseeded()}. */
        public Builder random(final RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Shorthand for {@code random(RandomSource.seeded(seed))}. */
        public Builder seed(final long seed) {
            this.random = RandomSource.seeded(seed);
            return this;
        }

        /** Where asynchronous failures go. Default: {@link ErrorHandler#logging()}. */
        public Builder errorHandler(final ErrorHandler errorHandler) {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /** Builds a new {@link Stratus}; the builder is left as it was. */
        public Stratus build() {
            return new Stratus(this);
        }
    }
}
