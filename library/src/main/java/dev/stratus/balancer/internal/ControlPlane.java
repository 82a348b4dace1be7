package dev.stratus.balancer.internal;

import dev.stratus.balancer.CrossZone;
import dev.stratus.balancer.HealthCheck;
import dev.stratus.balancer.HealthProber;
import dev.stratus.balancer.Listener;
import dev.stratus.balancer.Protocol;
import dev.stratus.balancer.Target;
import dev.stratus.balancer.TargetGroup;
import dev.stratus.balancer.TargetHealth;
import dev.stratus.balancer.TargetState;
import dev.stratus.balancer.WeightedTargetGroup;
import dev.stratus.balancer.Zone;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.internal.Checks;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The balancer's control plane: registrations, the health state machine on the clock, zonal shift, and the
 * building of {@link RoutingSnapshot}s (Maglev tables) off the data path. Every change republishes a snapshot by
 * reference swap; routing never waits for it. All methods synchronise on this object; none runs on a shard.
 */
public final class ControlPlane {
    private final List<Zone> zones;
    private final List<Listener> listeners;
    private final List<TargetGroup> groups;
    private final Map<String, Integer> groupIndex = new HashMap<>();
    private final boolean[] groupInUse;
    private final boolean balancerCrossZone;
    private final boolean zonalShiftEnabled;
    private final int tableSize;
    private final Clock clock;
    private final HealthProber prober;
    private final ErrorHandler errorHandler;
    private final AtomicReference<RoutingSnapshot> snapshot;
    private final List<Registration> registrations = new ArrayList<>();
    private final List<List<Registration>> byGroup = new ArrayList<>();
    private final List<Clock.Timer> healthTimers = new ArrayList<>();
    private Map<List<Integer>, int[]> tableCache = new HashMap<>();
    private int shiftedZone = -1;
    private long version;
    private long rebuilds;
    private boolean closed;

    /** One registration of a target in a group; its index is the routing result for it and is never reused. */
    static final class Registration {
        final int index;
        final int group;
        final Target target;
        final int zone;
        final long nameHash;
        TargetState state;
        int successes;
        int failures;
        boolean drainedUnhealthy;
        boolean removed;
        boolean terminateOnRemoval;
        Clock.Timer timer;

        Registration(final int index, final int group, final Target target, final int zone) {
            this.index = index;
            this.group = group;
            this.target = target;
            this.zone = zone;
            this.nameHash = Maglev.nameHash(target.id() + "@" + target.address() + ":" + target.port());
        }

        boolean routable() {
            return !removed && state != TargetState.DRAINING && state != TargetState.UNUSED;
        }
    }

    public ControlPlane(final List<Zone> zones, final List<Listener> listeners, final List<TargetGroup> groups,
            final boolean balancerCrossZone, final boolean zonalShiftEnabled, final int tableSize, final Clock clock,
            final HealthProber prober, final ErrorHandler errorHandler,
            final AtomicReference<RoutingSnapshot> snapshot) {
        this.zones = zones;
        this.listeners = listeners;
        this.groups = groups;
        this.balancerCrossZone = balancerCrossZone;
        this.zonalShiftEnabled = zonalShiftEnabled;
        this.tableSize = tableSize;
        this.clock = clock;
        this.prober = prober;
        this.errorHandler = errorHandler;
        this.snapshot = snapshot;
        this.groupInUse = new boolean[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            groupIndex.put(groups.get(g).name(), g);
            byGroup.add(new ArrayList<>());
        }
        for (Listener listener : listeners) {
            for (WeightedTargetGroup forward : listener.forward()) {
                groupInUse[groupIndex.get(forward.targetGroup())] = true;
            }
        }
    }

    /** Registers the groups' initial targets, publishes the first snapshot and starts health checks. */
    public synchronized void start() {
        for (int g = 0; g < groups.size(); g++) {
            for (Target target : groups.get(g).targets()) {
                register(g, target);
            }
        }
        publish();
        for (int g = 0; g < groups.size(); g++) {
            if (groupInUse[g]) {
                scheduleHealthChecks(g);
            }
        }
    }

    /** Stops health checks and timers. */
    public synchronized void close() {
        closed = true;
        healthTimers.forEach(Clock.Timer::cancel);
        healthTimers.clear();
        for (Registration r : registrations) {
            if (r.timer != null) {
                r.timer.cancel();
            }
        }
    }

    public int group(final String name) {
        Objects.requireNonNull(name, "targetGroup");
        Integer g = groupIndex.get(name);
        if (g == null) {
            throw new IllegalArgumentException("unknown target group: targetGroup=" + name);
        }
        return g;
    }

    public int zone(final String name) {
        Objects.requireNonNull(name, "zone");
        for (int z = 0; z < zones.size(); z++) {
            if (zones.get(z).name().equals(name)) {
                return z;
            }
        }
        throw new IllegalArgumentException("zone is not enabled on the load balancer: zone=" + name);
    }

    // ----- registration -----

    public synchronized void registerTargets(final String groupName, final List<Target> targets) {
        int g = group(groupName);
        Objects.requireNonNull(targets, "targets");
        targets.forEach(t -> Objects.requireNonNull(t, "target"));
        for (Target target : targets) {
            register(g, target);
        }
        publish();
    }

    private void register(final int g, final Target target) {
        for (Registration existing : byGroup.get(g)) {
            if (existing.target.id().equals(target.id())) {
                Checks.argument(existing.target.equals(target), "target id already registered with another address: "
                        + "targetGroup=" + groups.get(g).name() + ", id=" + target.id());
                if (existing.state == TargetState.DRAINING) {
                    existing.timer.cancel();
                    existing.timer = null;
                    existing.state = initialState(g, existing.zone);
                    existing.successes = 0;
                    existing.failures = 0;
                }
                return;
            }
        }
        Checks.state(registrations.size() < FlowValue.MAX_TARGETS,
                "too many target registrations: registrations=" + registrations.size());
        int zone = zoneIndexOrMinusOne(target.zone());
        Registration r = new Registration(registrations.size(), g, target, zone);
        r.state = initialState(g, zone);
        registrations.add(r);
        byGroup.get(g).add(r);
    }

    private TargetState initialState(final int g, final int zone) {
        return zone < 0 || !groupInUse[g] ? TargetState.UNUSED : TargetState.INITIAL;
    }

    private int zoneIndexOrMinusOne(final String name) {
        for (int z = 0; z < zones.size(); z++) {
            if (zones.get(z).name().equals(name)) {
                return z;
            }
        }
        return -1;
    }

    public synchronized void deregisterTargets(final String groupName, final List<String> targetIds) {
        int g = group(groupName);
        Objects.requireNonNull(targetIds, "targetIds");
        List<Registration> found = new ArrayList<>();
        for (String id : targetIds) {
            Objects.requireNonNull(id, "targetId");
            Registration r = find(g, id);
            Checks.argument(r != null, "target is not registered: targetGroup=" + groupName + ", id=" + id);
            found.add(r);
        }
        TargetGroup group = groups.get(g);
        for (Registration r : found) {
            if (r.state == TargetState.DRAINING) {
                continue;
            }
            if (r.timer != null) {
                r.timer.cancel();
            }
            r.state = TargetState.DRAINING;
            if (group.deregistrationDelay().isZero()) {
                finishDeregistration(r);
            } else {
                r.timer = clock.schedule(group.deregistrationDelay(), () -> {
                    synchronized (this) {
                        if (r.state == TargetState.DRAINING && !r.removed) {
                            finishDeregistration(r);
                            publish();
                        }
                    }
                });
            }
        }
        publish();
    }

    private void finishDeregistration(final Registration r) {
        r.removed = true;
        r.timer = null;
        r.terminateOnRemoval = groups.get(r.group).deregistrationConnectionTermination();
        byGroup.get(r.group).remove(r);
    }

    private Registration find(final int g, final String id) {
        for (Registration r : byGroup.get(g)) {
            if (r.target.id().equals(id)) {
                return r;
            }
        }
        return null;
    }

    public synchronized Target target(final int index) {
        if (index < 0 || index >= registrations.size()) {
            throw new IllegalArgumentException("no target has this index: index=" + index);
        }
        return registrations.get(index).target;
    }

    public synchronized String targetGroupOf(final int index) {
        target(index);
        return groups.get(registrations.get(index).group).name();
    }

    public synchronized List<TargetHealth> targetHealth(final String groupName) {
        int g = group(groupName);
        List<TargetHealth> result = new ArrayList<>();
        for (Registration r : byGroup.get(g)) {
            result.add(new TargetHealth(groupName, r.target, r.index, r.state));
        }
        return result;
    }

    // ----- health -----

    private void scheduleHealthChecks(final int g) {
        if (closed) {
            return;
        }
        HealthCheck check = groups.get(g).healthCheck();
        Clock.Timer[] holder = new Clock.Timer[1];
        holder[0] = clock.schedule(check.interval(), () -> {
            synchronized (this) {
                healthTimers.remove(holder[0]);
            }
            runHealthChecks(g);
            synchronized (this) {
                scheduleHealthChecks(g);
            }
        });
        healthTimers.add(holder[0]);
    }

    private void runHealthChecks(final int g) {
        List<Registration> due = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            for (Registration r : byGroup.get(g)) {
                if (r.routable()) {
                    due.add(r);
                }
            }
        }
        TargetGroup group = groups.get(g);
        for (Registration r : due) {
            probe(r, group);
        }
    }

    private void probe(final Registration r, final TargetGroup group) {
        AtomicBoolean done = new AtomicBoolean();
        Clock.Timer timeout = clock.schedule(group.healthCheck().timeout(), () -> {
            if (done.compareAndSet(false, true)) {
                onProbeResult(r, false);
            }
        });
        CompletionStage<Boolean> stage;
        try {
            stage = prober.probe(r.target, group.healthCheck(), group.proxyProtocolV2());
        } catch (RuntimeException e) {
            errorHandler.onError(e);
            stage = CompletableFuture.completedFuture(false);
        }
        stage.whenComplete((passed, error) -> {
            if (done.compareAndSet(false, true)) {
                timeout.cancel();
                onProbeResult(r, error == null && Boolean.TRUE.equals(passed));
            }
        });
    }

    /** Applies one health-check result (active probe or passive observation). */
    synchronized void onProbeResult(final Registration r, final boolean passed) {
        if (!r.routable()) {
            return;
        }
        HealthCheck check = groups.get(r.group).healthCheck();
        TargetState before = r.state;
        if (passed) {
            r.successes++;
            r.failures = 0;
            if (r.state != TargetState.HEALTHY && r.successes >= check.healthyThreshold()) {
                if (r.timer != null) {
                    r.timer.cancel();
                    r.timer = null;
                }
                r.state = TargetState.HEALTHY;
                r.drainedUnhealthy = false;
            }
        } else {
            r.failures++;
            r.successes = 0;
            if ((r.state == TargetState.HEALTHY || r.state == TargetState.INITIAL)
                    && r.failures >= check.unhealthyThreshold()) {
                toUnhealthy(r);
            }
        }
        if (r.state != before) {
            publish();
        }
    }

    private void toUnhealthy(final Registration r) {
        TargetGroup group = groups.get(r.group);
        boolean canDrain = !group.unhealthyConnectionTermination() || group.protocol() == Protocol.UDP
                || group.protocol() == Protocol.TCP_UDP;
        if (r.state == TargetState.HEALTHY && canDrain && !group.unhealthyDrainingInterval().isZero()) {
            r.state = TargetState.UNHEALTHY_DRAINING;
            r.timer = clock.schedule(group.unhealthyDrainingInterval(), () -> {
                synchronized (this) {
                    if (r.state == TargetState.UNHEALTHY_DRAINING && !r.removed) {
                        r.state = TargetState.UNHEALTHY;
                        r.drainedUnhealthy = true;
                        r.timer = null;
                        publish();
                    }
                }
            });
        } else {
            r.state = TargetState.UNHEALTHY;
        }
    }

    /** A failure the data path saw on a real connection; off for UDP and sticky groups, as on NLB. */
    public synchronized void reportFailure(final int index) {
        target(index);
        Registration r = registrations.get(index);
        TargetGroup group = groups.get(r.group);
        if (group.protocol() == Protocol.UDP || group.protocol() == Protocol.TCP_UDP || group.stickiness()) {
            return;
        }
        onProbeResult(r, false);
    }

    // ----- zones -----

    public synchronized void startZonalShift(final String zoneName) {
        Checks.state(zonalShiftEnabled, "zonal shift is not enabled: zonal_shift.config.enabled=false");
        int z = zone(zoneName);
        Checks.state(shiftedZone < 0 || shiftedZone == z, "a zonal shift is already active: zone="
                + (shiftedZone < 0 ? "" : zones.get(shiftedZone).name()) + ", requested=" + zoneName);
        shiftedZone = z;
        publish();
    }

    public synchronized void cancelZonalShift() {
        shiftedZone = -1;
        publish();
    }

    public synchronized String shiftedZone() {
        return shiftedZone < 0 ? null : zones.get(shiftedZone).name();
    }

    /** The zones whose addresses DNS answers with now. */
    public synchronized List<Zone> dnsView() {
        List<Zone> healthy = new ArrayList<>();
        List<Zone> candidates = new ArrayList<>();
        for (int z = 0; z < zones.size(); z++) {
            if (z == shiftedZone) {
                continue;
            }
            candidates.add(zones.get(z));
            if (zoneHealthy(z)) {
                healthy.add(zones.get(z));
            }
        }
        // every zone unhealthy: DNS fails open and keeps them all
        return healthy.isEmpty() ? candidates : healthy;
    }

    private boolean zoneHealthy(final int z) {
        for (int g = 0; g < groups.size(); g++) {
            if (!groupInUse[g]) {
                continue;
            }
            boolean cross = crossZone(g);
            int registered = 0;
            int healthy = 0;
            for (Registration r : byGroup.get(g)) {
                if (r.routable() && (cross || r.zone == z)) {
                    registered++;
                    if (r.state == TargetState.HEALTHY) {
                        healthy++;
                    }
                }
            }
            if (registered == 0 || healthy < groups.get(g).dnsMinimumHealthyTargets(registered)) {
                return false;
            }
        }
        return true;
    }

    private boolean crossZone(final int g) {
        CrossZone setting = groups.get(g).crossZone();
        return setting == CrossZone.USE_LOAD_BALANCER_CONFIGURATION ? balancerCrossZone
                : setting == CrossZone.ENABLED;
    }

    /** Healthy targets of a group (all zones when {@code zone} is null). */
    public synchronized int hostCount(final String groupName, final String zoneName, final boolean healthy) {
        int g = group(groupName);
        int z = zoneName == null ? -1 : zone(zoneName);
        int count = 0;
        for (Registration r : byGroup.get(g)) {
            if (r.routable() && (z < 0 || r.zone == z)) {
                boolean isHealthy = r.state == TargetState.HEALTHY;
                boolean isUnhealthy = r.state == TargetState.UNHEALTHY
                        || r.state == TargetState.UNHEALTHY_DRAINING;
                if (healthy ? isHealthy : isUnhealthy) {
                    count++;
                }
            }
        }
        return count;
    }

    public synchronized long rebuilds() {
        return rebuilds;
    }

    // ----- snapshot -----

    private void publish() {
        int n = registrations.size();
        boolean[] failOpen = new boolean[n];
        Map<List<Integer>, int[]> cache = new HashMap<>();
        RoutingSnapshot.GroupRoute[] groupRoutes = new RoutingSnapshot.GroupRoute[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            if (!groupInUse[g]) {
                continue;
            }
            int[][] tables = new int[zones.size()][];
            if (crossZone(g)) {
                List<Registration> scope = new ArrayList<>();
                for (Registration r : byGroup.get(g)) {
                    if (r.routable() && r.zone != shiftedZone) {
                        scope.add(r);
                    }
                }
                int[] table = tableFor(g, scope, failOpen, cache);
                java.util.Arrays.fill(tables, table);
            } else {
                for (int z = 0; z < zones.size(); z++) {
                    List<Registration> scope = new ArrayList<>();
                    for (Registration r : byGroup.get(g)) {
                        if (r.routable() && r.zone == z) {
                            scope.add(r);
                        }
                    }
                    tables[z] = tableFor(g, scope, failOpen, cache);
                }
            }
            groupRoutes[g] = new RoutingSnapshot.GroupRoute(groups.get(g).stickiness(), tables);
        }
        tableCache = cache;
        byte[] terminate = new byte[n];
        for (Registration r : registrations) {
            TargetGroup group = groups.get(r.group);
            boolean terminated = r.removed ? r.terminateOnRemoval
                    : r.state == TargetState.UNHEALTHY && !failOpen[r.index]
                            && (group.unhealthyConnectionTermination() || r.drainedUnhealthy);
            terminate[r.index] = (byte) (terminated ? 1 : 0);
        }
        RoutingSnapshot.ListenerRoute[] routes = new RoutingSnapshot.ListenerRoute[listeners.size()];
        for (int l = 0; l < listeners.size(); l++) {
            List<WeightedTargetGroup> forward = listeners.get(l).forward();
            RoutingSnapshot.GroupRoute[] lg = new RoutingSnapshot.GroupRoute[forward.size()];
            int total = 0;
            boolean sticky = false;
            for (int i = 0; i < forward.size(); i++) {
                int g = groupIndex.get(forward.get(i).targetGroup());
                lg[i] = groupRoutes[g];
                total += forward.get(i).weight();
                sticky |= groups.get(g).stickiness();
            }
            int[] pick = new int[forward.size() == 1 ? 1 : total];
            int at = 0;
            for (int i = 0; i < forward.size() && forward.size() > 1; i++) {
                for (int w = 0; w < forward.get(i).weight(); w++) {
                    pick[at++] = i;
                }
            }
            routes[l] = new RoutingSnapshot.ListenerRoute(pick, lg, sticky);
        }
        snapshot.set(new RoutingSnapshot(++version, routes, terminate));
    }

    private int[] tableFor(final int g, final List<Registration> scope, final boolean[] failOpen,
            final Map<List<Integer>, int[]> cache) {
        if (scope.isEmpty()) {
            return null;
        }
        List<Registration> healthy = new ArrayList<>();
        for (Registration r : scope) {
            if (r.state == TargetState.HEALTHY) {
                healthy.add(r);
            }
        }
        List<Registration> candidates = healthy;
        if (healthy.size() < groups.get(g).minimumHealthyTargets(scope.size())) {
            // routing fail-open: too few healthy targets, so every registered target in scope gets flows
            candidates = scope;
            scope.forEach(r -> failOpen[r.index] = true);
        }
        List<Integer> key = new ArrayList<>(candidates.size());
        candidates.forEach(r -> key.add(r.index));
        int[] table = cache.get(key);
        if (table == null) {
            table = tableCache.get(key);
        }
        if (table == null) {
            long[] names = new long[candidates.size()];
            int[] weights = new int[candidates.size()];
            for (int i = 0; i < names.length; i++) {
                names[i] = candidates.get(i).nameHash;
                weights[i] = 1;
            }
            int[] positions = Maglev.build(tableSize, names, weights);
            table = new int[tableSize];
            for (int s = 0; s < tableSize; s++) {
                table[s] = candidates.get(positions[s]).index;
            }
            rebuilds++;
        }
        cache.put(key, table);
        return table;
    }
}
