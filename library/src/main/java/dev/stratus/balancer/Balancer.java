package dev.stratus.balancer;

import dev.stratus.balancer.internal.AgronaAccess;
import dev.stratus.balancer.internal.ControlPlane;
import dev.stratus.balancer.internal.FlowHasher;
import dev.stratus.balancer.internal.FlowRecordDescriptor;
import dev.stratus.balancer.internal.FlowShard;
import dev.stratus.balancer.internal.ListenerMap;
import dev.stratus.balancer.internal.Maglev;
import dev.stratus.balancer.internal.RoutingSnapshot;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.RandomSource;
import dev.stratus.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A network load balancer core with AWS NLB semantics: zones with one static address each, listeners forwarding to
 * (weighted) target groups, health checks on the clock, and a lock-free data path of shards that each own a
 * single-writer flow table (connection tracking first, Maglev second) fed by an Agrona ring.
 *
 * <pre>{@code
 * Balancer nlb = Balancer.builder()
 *         .zone("us-east-1a", "10.0.0.10")
 *         .targetGroup(TargetGroup.builder("web", Protocol.TCP)
 *                 .target(new Target("i-1", "10.0.1.10", 8080, "us-east-1a"))
 *                 .build())
 *         .listener(Listener.builder(Protocol.TCP, 443).forward("web").build())
 *         .build();
 * int target = nlb.route(new FlowKey().tcp4(client, 50000, lb, 443).sequence(isn), FlowKey.SYN, 60);
 * }</pre>
 *
 * <p>Needs the JVM option {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (Agrona 2.x);
 * {@link Builder#build()} fails at once without it. Control-plane methods are thread-safe; each shard is driven by
 * its agent ({@link #start()} or {@link #doWork()}) or by one thread calling {@link #route}, never both.
 */
public final class Balancer implements AutoCloseable {
    /** The JVM option the balancer needs. */
    public static final String REQUIRED_JVM_FLAG = AgronaAccess.REQUIRED_FLAG;

    private final String name;
    private final String id;
    private final List<Zone> zones;
    private final List<Listener> listeners;
    private final List<TargetGroup> targetGroups;
    private final HashMode hashMode;
    private final Clock clock;
    private final ErrorHandler errorHandler;
    private final FlowHasher hasher;
    private final FlowShard[] shards;
    private final ControlPlane control;
    private final AtomicReference<RoutingSnapshot> snapshot = new AtomicReference<>();
    private final List<AgentRunner> runners = new ArrayList<>();
    private final Metrics metrics;
    private final Builder settings;
    private boolean started;
    private boolean closed;

    private Balancer(final Builder b) {
        this.settings = b.copy();
        this.name = b.name;
        this.zones = List.copyOf(b.zones);
        this.listeners = List.copyOf(b.listeners);
        this.targetGroups = List.copyOf(b.targetGroups.values());
        this.hashMode = b.hashMode;
        this.clock = b.clock;
        this.errorHandler = b.errorHandler;
        RandomSource random = b.random != null ? b.random : RandomSource.unseeded();
        this.id = String.format("%016x", random.nextLong());
        this.hasher = new FlowHasher(random.nextLong(), random.nextLong(), random.nextLong());
        this.control = new ControlPlane(zones, listeners, targetGroups, b.crossZone, b.zonalShift,
                b.maglevTableSize, clock, b.prober, errorHandler, snapshot);
        control.start();
        ListenerMap listenerMap = new ListenerMap(listeners);
        long origin = clock.nanoTime();
        RouteHandler handler = b.routeHandler;
        this.shards = new FlowShard[b.shards];
        for (int i = 0; i < shards.length; i++) {
            RingBuffer ring = new ManyToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
                    b.ringCapacity + RingBufferDescriptor.TRAILER_LENGTH, 64)));
            shards[i] = new FlowShard(i, b.flowCapacity, hasher, listenerMap, snapshot, hashMode, clock, origin,
                    ring, handler, b.sweepSlotsPerCycle, b.tableFullPolicy);
        }
        this.metrics = new Metrics();
    }

    /** A builder with the defaults: NLB hash mode, one shard, cross-zone off, real time, socket health probes. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this balancer's settings and its initial targets (not later registrations). */
    public Builder toBuilder() {
        return settings.copy();
    }

    /** The balancer's name. */
    public String name() {
        return name;
    }

    /** The CloudWatch {@code LoadBalancer} dimension: {@code net/<name>/<id>}. */
    public String dimension() {
        return "net/" + name + "/" + id;
    }

    /** The enabled zones, in index order. */
    public List<Zone> zones() {
        return zones;
    }

    /**
     * The index of an enabled zone, for {@link FlowKey#zone(int)}.
     *
     * @throws IllegalArgumentException if the zone is not enabled
     */
    public int zoneIndex(final String zone) {
        return control.zone(zone);
    }

    /** The listeners. */
    public List<Listener> listeners() {
        return listeners;
    }

    /** The target groups. */
    public List<TargetGroup> targetGroups() {
        return targetGroups;
    }

    /** The hash mode. */
    public HashMode hashMode() {
        return hashMode;
    }

    // ----- data path -----

    /** Number of shards. */
    public int shardCount() {
        return shards.length;
    }

    /**
     * A shard, for direct single-threaded routing.
     *
     * @throws IllegalArgumentException if the index is out of range
     */
    public Shard shard(final int index) {
        Checks.argument(index >= 0 && index < shards.length,
                "shard must be between 0 and " + (shards.length - 1) + ": shard=" + index);
        return shards[index];
    }

    /** The shard that owns a flow (by its keyed hash). */
    public int shardOf(final FlowKey key) {
        return (int) (((hasher.flowHash(key) >>> 40) * shards.length) >>> 24);
    }

    /**
     * Routes one packet synchronously on the shard that owns its flow, reading the clock first. Call it from one
     * thread, and not while agents run.
     *
     * @return a target index ({@link #target(int)}) or one of {@link RouteCodes}
     * @see Shard#route(FlowKey, int, int)
     */
    public int route(final FlowKey key, final int tcpFlags, final int bytes) {
        FlowShard shard = shards[shardOf(key)];
        shard.refreshClock();
        return shard.route(key, tcpFlags, bytes);
    }

    /**
     * Queues one packet's flow record on its shard's ring (any thread, lock-free, no allocation); the shard's agent
     * routes it and calls the builder's {@link RouteHandler} with {@code correlation}.
     *
     * @return false if the ring is full ({@link RouteCodes#BACK_PRESSURED})
     */
    public boolean offer(final FlowKey key, final int tcpFlags, final int bytes, final long correlation) {
        RingBuffer ring = shards[shardOf(key)].ring();
        int index = ring.tryClaim(FlowRecordDescriptor.MSG_TYPE_PACKET, FlowRecordDescriptor.LENGTH);
        if (index < 0) {
            return false;
        }
        FlowRecordDescriptor.encode(ring.buffer(), index, key, tcpFlags, bytes, correlation);
        ring.commit(index);
        return true;
    }

    /**
     * Runs one duty cycle of every shard on the calling thread (read the ring, sweep idle flows): for embedding and
     * tests on a {@link dev.stratus.core.ManualClock}.
     *
     * @return the work done (records routed plus flows removed)
     * @throws IllegalStateException if agents run on their own threads
     */
    public int doWork() {
        Checks.state(!started, "shards run on their own threads: started=true");
        int work = 0;
        for (FlowShard shard : shards) {
            work += shard.doWork();
        }
        return work;
    }

    /**
     * Starts one agent thread per shard with a backoff idle strategy.
     *
     * @throws IllegalStateException if already started or closed
     */
    public synchronized void start() {
        Checks.state(!started && !closed, "the balancer can be started once: started=" + started + ", closed="
                + closed);
        started = true;
        for (FlowShard shard : shards) {
            AgentRunner runner = new AgentRunner(new BackoffIdleStrategy(), errorHandler::onError, null, shard);
            runners.add(runner);
            AgentRunner.startOnThread(runner, r -> {
                Thread thread = new Thread(r);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    /** Stops agents and health checks. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        runners.forEach(AgentRunner::close);
        control.close();
    }

    // ----- targets and health -----

    /**
     * The target a routing result points to.
     *
     * @throws IllegalArgumentException if no registration has this index
     */
    public Target target(final int index) {
        return control.target(index);
    }

    /**
     * The name of the group a routing result's target is registered in.
     *
     * @throws IllegalArgumentException if no registration has this index
     */
    public String targetGroupOf(final int index) {
        return control.targetGroupOf(index);
    }

    /**
     * Registers targets (RegisterTargets); they start {@code initial}. Registering a registered target again does
     * nothing, and a draining one returns to {@code initial}.
     *
     * @throws IllegalArgumentException if the group is unknown
     */
    public void registerTargets(final String targetGroup, final Target... targets) {
        Objects.requireNonNull(targets, "targets");
        control.registerTargets(targetGroup, List.of(targets));
    }

    /**
     * Deregisters targets (DeregisterTargets): they drain for the group's deregistration delay, taking no new flows.
     *
     * @throws IllegalArgumentException if the group is unknown or a target is not registered
     */
    public void deregisterTargets(final String targetGroup, final String... targetIds) {
        Objects.requireNonNull(targetIds, "targetIds");
        control.deregisterTargets(targetGroup, List.of(targetIds));
    }

    /**
     * Each registered target of a group and its state (DescribeTargetHealth).
     *
     * @throws IllegalArgumentException if the group is unknown
     */
    public List<TargetHealth> targetHealth(final String targetGroup) {
        return control.targetHealth(targetGroup);
    }

    /**
     * The state of one target.
     *
     * @throws IllegalArgumentException if the group is unknown or the target not registered
     */
    public TargetState targetState(final String targetGroup, final String targetId) {
        Objects.requireNonNull(targetId, "targetId");
        for (TargetHealth health : control.targetHealth(targetGroup)) {
            if (health.target().id().equals(targetId)) {
                return health.state();
            }
        }
        throw new IllegalArgumentException("target is not registered: targetGroup=" + targetGroup + ", id="
                + targetId);
    }

    /**
     * Reports a failure seen on a real connection to a target (passive health check; ignored for UDP, TCP_UDP and
     * sticky groups, as on NLB). Counts like a failed probe.
     *
     * @throws IllegalArgumentException if no registration has this index
     */
    public void reportTargetFailure(final int targetIndex) {
        control.reportFailure(targetIndex);
    }

    /** The zones whose addresses DNS answers with: zones with enough healthy targets, not shifted away. */
    public List<Zone> dnsView() {
        return control.dnsView();
    }

    /**
     * Starts a zonal shift away from {@code zone}: it leaves DNS and cross-zone tables; existing flows continue.
     *
     * @throws IllegalStateException if zonal shift is not enabled or another zone is shifted
     * @throws IllegalArgumentException if the zone is not enabled
     */
    public void startZonalShift(final String zone) {
        control.startZonalShift(zone);
    }

    /** Ends the zonal shift, if any. */
    public void cancelZonalShift() {
        control.cancelZonalShift();
    }

    /** Healthy targets of a group in one zone, or in all zones when {@code zone} is null (HealthyHostCount). */
    public int healthyHostCount(final String targetGroup, final String zone) {
        return control.hostCount(targetGroup, zone, true);
    }

    /** Unhealthy targets of a group in one zone, or in all when {@code zone} is null (UnHealthyHostCount). */
    public int unhealthyHostCount(final String targetGroup, final String zone) {
        return control.hostCount(targetGroup, zone, false);
    }

    /** Maglev tables built so far (unchanged tables are reused, not rebuilt). */
    public long maglevRebuilds() {
        return control.rebuilds();
    }

    // ----- counters -----

    /**
     * The cumulative counters of one protocol over all shards.
     *
     * @throws IllegalArgumentException for TCP_UDP, whose flows count under TCP and UDP
     */
    public FlowCounters counters(final Protocol protocol) {
        Objects.requireNonNull(protocol, "protocol");
        int cls;
        switch (protocol) {
            case TCP:
                cls = ListenerMap.TCP;
                break;
            case UDP:
                cls = ListenerMap.UDP;
                break;
            case TLS:
                cls = ListenerMap.TLS;
                break;
            default:
                throw new IllegalArgumentException("counters are kept per TCP, UDP or TLS: protocol=" + protocol);
        }
        long[] sum = new long[FlowShard.COUNTERS];
        for (FlowShard shard : shards) {
            for (int c = 0; c < sum.length; c++) {
                sum[c] += shard.counter(cls, c);
            }
        }
        return new FlowCounters(sum[FlowShard.NEW_FLOWS], sum[FlowShard.ACTIVE_FLOWS],
                sum[FlowShard.PROCESSED_BYTES], sum[FlowShard.RESETS], sum[FlowShard.TABLE_FULL]);
    }

    /** The counters of all protocols together. */
    public FlowCounters counters() {
        return counters(Protocol.TCP).plus(counters(Protocol.UDP)).plus(counters(Protocol.TLS));
    }

    /** The metrics source for namespace {@code AWS/NetworkELB}. */
    public BalancerMetrics metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        return "Balancer[" + name + ", zones=" + zones.size() + ", listeners=" + listeners.size() + ", shards="
                + shards.length + ", mode=" + hashMode + "]";
    }

    private final class Metrics implements BalancerMetrics {
        private static final Protocol[] CLASSES = {Protocol.TCP, Protocol.UDP, Protocol.TLS};
        private final FlowCounters[] previous = new FlowCounters[CLASSES.length];
        private long previousNanos;

        Metrics() {
            for (int i = 0; i < previous.length; i++) {
                previous[i] = new FlowCounters(0, 0, 0, 0, 0);
            }
            previousNanos = clock.nanoTime();
        }

        @Override
        public synchronized List<Datum> sample() {
            long now = clock.nanoTime();
            double seconds = Math.max(1e-9, (now - previousNanos) / 1e9);
            previousNanos = now;
            Map<String, String> lb = Map.of("LoadBalancer", dimension());
            List<Datum> data = new ArrayList<>();
            double totalLcus = 0;
            long newFlows = 0;
            long active = 0;
            long bytes = 0;
            long resets = 0;
            for (int i = 0; i < CLASSES.length; i++) {
                FlowCounters current = counters(CLASSES[i]);
                long dNew = current.newFlows() - previous[i].newFlows();
                long dBytes = current.processedBytes() - previous[i].processedBytes();
                long dResets = current.resets() - previous[i].resets();
                previous[i] = current;
                String suffix = "_" + CLASSES[i].name();
                double lcus = Nlcu.consumed(CLASSES[i], dNew / seconds, current.activeFlows(),
                        dBytes * 3600.0 / seconds);
                data.add(new Datum("NewFlowCount" + suffix, lb, dNew, "Count"));
                data.add(new Datum("ActiveFlowCount" + suffix, lb, current.activeFlows(), "Count"));
                data.add(new Datum("ProcessedBytes" + suffix, lb, dBytes, "Bytes"));
                data.add(new Datum("ConsumedLCUs" + suffix, lb, lcus, "None"));
                newFlows += dNew;
                active += current.activeFlows();
                bytes += dBytes;
                resets += dResets;
                totalLcus += lcus;
            }
            data.add(new Datum("NewFlowCount", lb, newFlows, "Count"));
            data.add(new Datum("ActiveFlowCount", lb, active, "Count"));
            data.add(new Datum("ProcessedBytes", lb, bytes, "Bytes"));
            data.add(new Datum("TCP_ELB_Reset_Count", lb, resets, "Count"));
            data.add(new Datum("ConsumedLCUs", lb, totalLcus, "None"));
            for (TargetGroup group : targetGroups) {
                Map<String, String> dims = new LinkedHashMap<>(lb);
                dims.put("TargetGroup", "targetgroup/" + group.name() + "/" + id);
                data.add(new Datum("HealthyHostCount", dims, healthyHostCount(group.name(), null), "Count"));
                data.add(new Datum("UnHealthyHostCount", dims, unhealthyHostCount(group.name(), null), "Count"));
                for (Zone zone : zones) {
                    Map<String, String> zonal = new LinkedHashMap<>(dims);
                    zonal.put("AvailabilityZone", zone.name());
                    data.add(new Datum("HealthyHostCount", zonal, healthyHostCount(group.name(), zone.name()),
                            "Count"));
                    data.add(new Datum("UnHealthyHostCount", zonal, unhealthyHostCount(group.name(), zone.name()),
                            "Count"));
                }
            }
            return List.copyOf(data);
        }
    }

    /** Settings for a {@link Balancer}; each setter checks its argument at once, {@link #build()} may be repeated. */
    public static final class Builder {
        private static final int DEFAULT_RING_CAPACITY = 64 * 1024;
        private static final int DEFAULT_FLOW_CAPACITY = 262_144;

        private String name = "stratus-nlb";
        private final List<Zone> zones = new ArrayList<>();
        private final List<Listener> listeners = new ArrayList<>();
        private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
        private HashMode hashMode = HashMode.NLB_COMPAT;
        private TableFullPolicy tableFullPolicy = TableFullPolicy.ROUTE_STATELESS;
        private boolean crossZone;
        private boolean zonalShift;
        private int shards = 1;
        private int flowCapacity = DEFAULT_FLOW_CAPACITY;
        private int ringCapacity = DEFAULT_RING_CAPACITY;
        private int maglevTableSize = Maglev.DEFAULT_TABLE_SIZE;
        private int sweepSlotsPerCycle = 64;
        private Clock clock = Clock.system();
        private RandomSource random;
        private ErrorHandler errorHandler = ErrorHandler.logging();
        private HealthProber prober = HealthProber.socket();
        private RouteHandler routeHandler = (correlation, result) -> { };

        private Builder() {
        }

        Builder copy() {
            Builder b = new Builder();
            b.name = name;
            b.zones.addAll(zones);
            b.listeners.addAll(listeners);
            b.targetGroups.putAll(targetGroups);
            b.hashMode = hashMode;
            b.tableFullPolicy = tableFullPolicy;
            b.crossZone = crossZone;
            b.zonalShift = zonalShift;
            b.shards = shards;
            b.flowCapacity = flowCapacity;
            b.ringCapacity = ringCapacity;
            b.maglevTableSize = maglevTableSize;
            b.sweepSlotsPerCycle = sweepSlotsPerCycle;
            b.clock = clock;
            b.random = random;
            b.errorHandler = errorHandler;
            b.prober = prober;
            b.routeHandler = routeHandler;
            return b;
        }

        /**
         * The balancer's name (default {@code stratus-nlb}).
         *
         * @throws IllegalArgumentException if not 1-32 letters, digits or inner hyphens
         */
        public Builder name(final String name) {
            Objects.requireNonNull(name, "name");
            Checks.argument(name.matches("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?"), "name must be 1-32 "
                    + "letters, digits or hyphens, not starting or ending with a hyphen: name=" + name);
            this.name = name;
            return this;
        }

        /**
         * Enables a zone with its node's static address; zone indexes follow the order of these calls.
         *
         * @throws IllegalArgumentException if the address is no IP literal
         */
        public Builder zone(final String name, final String address) {
            zones.add(new Zone(name, address));
            return this;
        }

        /** Adds a listener. */
        public Builder listener(final Listener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds a target group (a group of the same name is replaced). */
        public Builder targetGroup(final TargetGroup targetGroup) {
            Objects.requireNonNull(targetGroup, "targetGroup");
            targetGroups.put(targetGroup.name(), targetGroup);
            return this;
        }

        /** The hash mode (default {@link HashMode#NLB_COMPAT}). */
        public Builder hashMode(final HashMode hashMode) {
            this.hashMode = Objects.requireNonNull(hashMode, "hashMode");
            return this;
        }

        /**
         * What a shard does with a flow its full table cannot track (default
         * {@link TableFullPolicy#ROUTE_STATELESS}: route it by the 5-tuple, untracked).
         */
        public Builder tableFullPolicy(final TableFullPolicy policy) {
            this.tableFullPolicy = Objects.requireNonNull(policy, "tableFullPolicy");
            return this;
        }

        /** The balancer's {@code load_balancing.cross_zone.enabled} (default false, as on NLB). */
        public Builder crossZone(final boolean enabled) {
            this.crossZone = enabled;
            return this;
        }

        /** {@code zonal_shift.config.enabled} (default false). */
        public Builder zonalShift(final boolean enabled) {
            this.zonalShift = enabled;
            return this;
        }

        /**
         * Number of shards, each with its own ring, flow table and agent (default 1).
         *
         * @throws IllegalArgumentException if not 1-64
         */
        public Builder shards(final int shards) {
            this.shards = Checks.inRange(shards, 1, 64, "shards");
            return this;
        }

        /**
         * Flows each shard's table holds before its {@link #tableFullPolicy(TableFullPolicy)} applies (default
         * 262,144).
         *
         * @throws IllegalArgumentException if not 1-67,108,864
         */
        public Builder flowCapacity(final int flowCapacity) {
            this.flowCapacity = Checks.inRange(flowCapacity, 1, 1 << 26, "flowCapacity");
            return this;
        }

        /**
         * Each shard's ring capacity in bytes (default 65,536).
         *
         * @throws IllegalArgumentException if not a power of two of at least 1024
         */
        public Builder ringCapacity(final int ringCapacity) {
            this.ringCapacity = Checks.powerOfTwo(ringCapacity, 1024, "ringCapacity");
            return this;
        }

        /**
         * The Maglev table size M (default 65,537); choose M above 100 times the targets in reach.
         *
         * @throws IllegalArgumentException if not a prime in 7-5,000,011
         */
        public Builder maglevTableSize(final int size) {
            Checks.inRange(size, 7, 5_000_011, "maglevTableSize");
            Checks.argument(Maglev.isPrime(size), "maglevTableSize must be prime: maglevTableSize=" + size);
            this.maglevTableSize = size;
            return this;
        }

        /**
         * Flow-table slots each duty cycle examines for idle flows (default 64).
         *
         * @throws IllegalArgumentException if not 1-65,536
         */
        public Builder sweepSlotsPerCycle(final int slots) {
            this.sweepSlotsPerCycle = Checks.inRange(slots, 1, 65_536, "sweepSlotsPerCycle");
            return this;
        }

        /** The clock for idle timeouts, health checks and delays (default {@link Clock#system()}). */
        public Builder clock(final Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of the flow-hash keys and the balancer id (default unseeded). */
        public Builder random(final RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Where asynchronous failures go (default logging). */
        public Builder errorHandler(final ErrorHandler errorHandler) {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /** Runs active health checks (default {@link HealthProber#socket()}). */
        public Builder prober(final HealthProber prober) {
            this.prober = Objects.requireNonNull(prober, "prober");
            return this;
        }

        /** Receives the results of records offered through the rings (default: ignore). */
        public Builder routeHandler(final RouteHandler routeHandler) {
            this.routeHandler = Objects.requireNonNull(routeHandler, "routeHandler");
            return this;
        }

        /**
         * Builds and starts the control plane (health checks run on the clock); the builder is left as it was.
         *
         * @throws IllegalStateException if the JVM lacks {@value #REQUIRED_JVM_FLAG}, no zone is enabled, zones
         *     repeat, listeners share a port, a listener forwards to an unknown or incompatible group, or zonal
         *     shift meets a cross-zone group that terminates unhealthy connections
         */
        public Balancer build() {
            AgronaAccess.require();
            Checks.state(!zones.isEmpty(), "at least one zone is required: zones=0");
            Checks.state(zones.size() <= 256, "at most 256 zones: zones=" + zones.size());
            Set<String> zoneNames = new HashSet<>();
            Set<String> addresses = new HashSet<>();
            for (Zone zone : zones) {
                Checks.state(zoneNames.add(zone.name()), "zone enabled twice: zone=" + zone.name());
                Checks.state(addresses.add(zone.address()), "zone address used twice: address=" + zone.address());
            }
            Checks.state(listeners.size() <= 50, "at most 50 listeners: listeners=" + listeners.size());
            Map<Integer, String> tcpPorts = new HashMap<>();
            Map<Integer, String> udpPorts = new HashMap<>();
            for (Listener listener : listeners) {
                Protocol p = listener.protocol();
                if (p != Protocol.UDP) {
                    Checks.state(tcpPorts.put(listener.port(), p.name()) == null,
                            "two listeners on one port: port=" + listener.port());
                }
                if (p == Protocol.UDP || p == Protocol.TCP_UDP) {
                    Checks.state(udpPorts.put(listener.port(), p.name()) == null,
                            "two listeners on one port: port=" + listener.port());
                }
                for (WeightedTargetGroup forward : listener.forward()) {
                    TargetGroup group = targetGroups.get(forward.targetGroup());
                    Checks.state(group != null, "listener forwards to an unknown target group: port="
                            + listener.port() + ", targetGroup=" + forward.targetGroup());
                    Checks.state(compatible(p, group.protocol()), "target group protocol does not match the "
                            + "listener: listener=" + p + ", targetGroup=" + group.name() + ", protocol="
                            + group.protocol());
                    boolean cross = group.crossZone() == CrossZone.USE_LOAD_BALANCER_CONFIGURATION ? crossZone
                            : group.crossZone() == CrossZone.ENABLED;
                    Checks.state(!zonalShift || !cross || ((group.protocol() == Protocol.TCP
                            || group.protocol() == Protocol.TLS) && !group.unhealthyConnectionTermination()),
                            "zonal shift with cross-zone needs TCP or TLS groups with "
                                    + "target_health_state.unhealthy.connection_termination.enabled=false: "
                                    + "targetGroup=" + group.name());
                }
            }
            return new Balancer(this);
        }

        private static boolean compatible(final Protocol listener, final Protocol group) {
            switch (listener) {
                case TCP:
                    return group == Protocol.TCP || group == Protocol.TCP_UDP;
                case UDP:
                    return group == Protocol.UDP || group == Protocol.TCP_UDP;
                case TCP_UDP:
                    return group == Protocol.TCP_UDP;
                case TLS:
                    return group == Protocol.TCP || group == Protocol.TLS;
                default:
                    return false;
            }
        }

        @Override
        public String toString() {
            return "Balancer.Builder[" + name + "]";
        }
    }
}
