package dev.stratus.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A GetMetricData request: up to 500 queries over one window, paged by {@code MaxDatapoints}. */
public final class GetMetricDataRequest {
    /** AWS's default and maximum {@code MaxDatapoints}. */
    public static final int DEFAULT_MAX_DATAPOINTS = 100_800;

    private final List<MetricDataQuery> queries;
    private final Instant startTime;
    private final Instant endTime;
    private final int maxDatapoints;
    private final boolean ascending;
    private final String nextToken;

    private GetMetricDataRequest(final Builder b) {
        this.queries = List.copyOf(b.queries);
        this.startTime = b.startTime;
        this.endTime = b.endTime;
        this.maxDatapoints = b.maxDatapoints;
        this.ascending = b.ascending;
        this.nextToken = b.nextToken;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's fields (e.g. to ask for the next page). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.queries.addAll(queries);
        b.startTime = startTime;
        b.endTime = endTime;
        b.maxDatapoints = maxDatapoints;
        b.ascending = ascending;
        b.nextToken = nextToken;
        return b;
    }

    /** The queries. */
    public List<MetricDataQuery> queries() {
        return queries;
    }

    /** The start, inclusive. */
    public Instant startTime() {
        return startTime;
    }

    /** The end, exclusive. */
    public Instant endTime() {
        return endTime;
    }

    /** Values per page. */
    public int maxDatapoints() {
        return maxDatapoints;
    }

    /** Whether values come oldest first ({@code TimestampAscending}); default newest first. */
    public boolean ascending() {
        return ascending;
    }

    /** The page token, or null. */
    public String nextToken() {
        return nextToken;
    }

    /** Settings for a {@link GetMetricDataRequest}. */
    public static final class Builder {
        private final List<MetricDataQuery> queries = new ArrayList<>();
        private Instant startTime;
        private Instant endTime;
        private int maxDatapoints = DEFAULT_MAX_DATAPOINTS;
        private boolean ascending;
        private String nextToken;

        private Builder() {
        }

        /** Adds a query. */
        public Builder query(final MetricDataQuery query) {
            queries.add(Objects.requireNonNull(query, "query"));
            return this;
        }

        /** Replaces the queries. */
        public Builder queries(final List<MetricDataQuery> queries) {
            this.queries.clear();
            for (MetricDataQuery query : queries) {
                query(query);
            }
            return this;
        }

        /** The start, inclusive. */
        public Builder startTime(final Instant startTime) {
            this.startTime = Objects.requireNonNull(startTime, "startTime");
            return this;
        }

        /** The end, exclusive. */
        public Builder endTime(final Instant endTime) {
            this.endTime = Objects.requireNonNull(endTime, "endTime");
            return this;
        }

        /**
         * Values per page.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder maxDatapoints(final int maxDatapoints) {
            if (maxDatapoints <= 0) {
                throw new IllegalArgumentException("maxDatapoints must be positive: maxDatapoints=" + maxDatapoints);
            }
            this.maxDatapoints = maxDatapoints;
            return this;
        }

        /** Oldest first ({@code TimestampAscending}) when true; newest first by default. */
        public Builder ascending(final boolean ascending) {
            this.ascending = ascending;
            return this;
        }

        /** The page token of a previous response. */
        public Builder nextToken(final String nextToken) {
            this.nextToken = nextToken;
            return this;
        }

        /** A new request. */
        public GetMetricDataRequest build() {
            return new GetMetricDataRequest(this);
        }
    }
}
