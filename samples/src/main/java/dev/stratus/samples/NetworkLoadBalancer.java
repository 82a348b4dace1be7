package dev.stratus.samples;

import dev.stratus.Stratus;
import dev.stratus.balancer.Balancer;
import dev.stratus.balancer.BalancerMetrics;
import dev.stratus.balancer.FlowKey;
import dev.stratus.balancer.HealthCheck;
import dev.stratus.balancer.HealthProber;
import dev.stratus.balancer.Listener;
import dev.stratus.balancer.Protocol;
import dev.stratus.balancer.RouteCodes;
import dev.stratus.balancer.Target;
import dev.stratus.balancer.TargetGroup;
import dev.stratus.balancer.TargetState;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shows the load balancer core twice. First as a simulation on a {@link ManualClock}: two zones with a static
 * address each, flows pinned to targets in the zone the client resolved, a target failing its health checks (its
 * flows reset, new flows avoid it), the DNS view, and the NLB metrics with consumed NLCUs. Then on real
 * loopback sockets: a {@link TcpProxy} routes each connection through the core to one of three echo backends;
 * one backend is killed, health checks notice, and new connections go elsewhere. Needs the JVM option
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}.
 */
public final class NetworkLoadBalancer {
    private NetworkLoadBalancer() {
    }

    /** Runs the sample. */
    public static void main(final String... args) throws Exception {
        run();
    }

    /** Runs the sample and returns its key figures, one line. */
    static String run() throws Exception {
        return simulate() + "; " + proxyRealTraffic();
    }

    private static String simulate() {
        // Virtual time and a seeded random source: the same routes on every run.
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        Stratus stratus = Stratus.builder().clock(clock).seed(42).build();

        // A prober that answers from a table instead of the network.
        Set<String> down = ConcurrentHashMap.newKeySet();
        HealthProber prober = (target, check, ppv2) -> CompletableFuture.completedFuture(!down.contains(target.id()));

        // Two zones with a static address each; two targets per zone behind a TCP listener on 443; checks every
        // 10 s, healthy after 2. Cross-zone is off (NLB's default), so each zone's address serves its own targets.
        TargetGroup.Builder web = TargetGroup.builder("web", Protocol.TCP)
                .healthCheck(HealthCheck.builder().interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5))
                        .healthyThreshold(2).build());
        for (int i = 1; i <= 4; i++) {
            web.target(new Target("i-" + i, "10.0.1." + i, 8080, i <= 2 ? "us-east-1a" : "us-east-1b"));
        }
        try (Balancer nlb = stratus.balancer()
                .zone("us-east-1a", "10.0.0.10")
                .zone("us-east-1b", "10.0.0.20")
                .targetGroup(web.build())
                .listener(Listener.builder(Protocol.TCP, 443).forward("web").build())
                .prober(prober)
                .build()) {
            clock.advance(Duration.ofSeconds(20));
            System.out.println("  i-1 is " + nlb.targetState("web", "i-1").awsName());

            // DNS answers with both zones' addresses while each has a healthy target.
            System.out.println("  DNS view: " + nlb.dnsView().stream().map(z -> z.name() + "=" + z.address())
                    .toList());

            // 30,000 client connections, half resolved to each zone's address: SYN with a random initial sequence
            // number, then data.
            RandomSource random = RandomSource.seeded(1);
            FlowKey key = new FlowKey();
            Map<String, Integer> spread = new TreeMap<>();
            for (int i = 0; i < 30_000; i++) {
                key.tcp4(0xC0000200 + (i >> 8), 1024 + i % 60_000, zoneAddress(i), 443)
                        .sequence(random.nextInt(1 << 30));
                int target = nlb.route(key, FlowKey.SYN, 60);
                spread.merge(nlb.target(target).id(), 1, Integer::sum);
            }
            System.out.println("  new flows per target: " + spread);

            // i-2 stops answering: after two failed checks it is unhealthy and its flows are reset.
            down.add("i-2");
            clock.advance(Duration.ofSeconds(20));
            System.out.println("  i-2 is " + nlb.targetState("web", "i-2").awsName());
            int resets = 0;
            random = RandomSource.seeded(1);
            for (int i = 0; i < 30_000; i++) {
                key.tcp4(0xC0000200 + (i >> 8), 1024 + i % 60_000, zoneAddress(i), 443)
                        .sequence(random.nextInt(1 << 30));
                if (nlb.route(key, FlowKey.ACK, 1500) == RouteCodes.RESET) {
                    resets++;
                }
            }
            System.out.println("  established flows reset because i-2 is unhealthy: " + resets);

            // The NLB metrics for the minute, as the Metrics engine will read them.
            clock.advance(Duration.ofSeconds(20));
            for (BalancerMetrics.Datum datum : nlb.metrics().sample()) {
                if (List.of("NewFlowCount", "ActiveFlowCount", "TCP_ELB_Reset_Count", "ConsumedLCUs")
                        .contains(datum.name())) {
                    System.out.printf("  %-20s %,.2f%n", datum.name(), datum.value());
                }
            }
            return "simulated: " + resets + " flows reset";
        }
    }

    /** The zone address a client resolved: 10.0.0.10 (us-east-1a) for even clients, 10.0.0.20 for odd ones. */
    private static int zoneAddress(final int client) {
        return client % 2 == 0 ? 0x0A00000A : 0x0A000014;
    }

    private static String proxyRealTraffic() throws Exception {
        // Three echo servers on loopback.
        List<EchoBackend> backends = new ArrayList<>();
        for (String name : List.of("alpha", "beta", "gamma")) {
            backends.add(new EchoBackend(name));
        }
        ManualClock clock = ManualClock.atEpoch();
        ServerSocketChannel listen = TcpProxy.bindLoopback();
        int port = listen.socket().getLocalPort();

        // One zone (loopback), the backends as targets, real TCP health checks.
        TargetGroup.Builder group = TargetGroup.builder("echo", Protocol.TCP)
                .healthCheck(HealthCheck.builder().interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(2))
                        .healthyThreshold(2).unhealthyThreshold(2).build());
        for (EchoBackend backend : backends) {
            group.target(new Target(backend.name(), "127.0.0.1", backend.port(), "local"));
        }
        try (Balancer nlb = Balancer.builder().clock(clock).random(RandomSource.seeded(3))
                .zone("local", "127.0.0.1")
                .targetGroup(group.build())
                .listener(Listener.builder(Protocol.TCP, port).forward("echo").build())
                .prober(inline(HealthProber.socket()))
                .build();
                TcpProxy proxy = new TcpProxy(listen, nlb, RandomSource.seeded(4))) {
            clock.advance(Duration.ofSeconds(10));
            System.out.println("  alpha is " + nlb.targetState("echo", "alpha").awsName());

            // Twelve connections through the proxy; each backend answers with its name.
            Map<String, Integer> spread = new TreeMap<>();
            for (int i = 0; i < 12; i++) {
                try (Socket socket = connect(port)) {
                    spread.merge(backendOf(call(socket, "hello " + i)), 1, Integer::sum);
                }
            }
            System.out.println("  connections per backend: " + spread);

            // Kill beta; after two failed checks (5 s apart) it is unhealthy and new connections avoid it.
            backends.get(1).kill();
            clock.advance(Duration.ofSeconds(30));
            if (nlb.targetState("echo", "beta") != TargetState.UNHEALTHY) {
                throw new IllegalStateException("beta should be unhealthy after failed checks: state="
                        + nlb.targetState("echo", "beta"));
            }
            Map<String, Integer> after = new TreeMap<>();
            for (int i = 0; i < 12; i++) {
                try (Socket socket = connect(port)) {
                    after.merge(backendOf(call(socket, "again " + i)), 1, Integer::sum);
                }
            }
            System.out.println("  beta is " + nlb.targetState("echo", "beta").awsName()
                    + "; connections per backend now: " + after + " (" + proxy.accepted() + " proxied)");
            return "loopback: " + spread + " then " + after;
        } finally {
            for (EchoBackend backend : backends) {
                backend.close();
            }
        }
    }

    static Socket connect(final int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(5_000);
        return socket;
    }

    /** Sends one message and reads one reply (the backends answer each chunk at once). */
    static String call(final Socket socket, final String message) throws IOException {
        socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    static String backendOf(final String reply) {
        int colon = reply.indexOf(':');
        int bracket = reply.indexOf('[');
        int end = bracket >= 0 && bracket < colon ? bracket : colon;
        return end < 0 ? "(none)" : reply.substring(0, end);
    }

    /**
     * Runs real socket probes to completion inside the clock's timer, so virtual time cannot overtake them (with the
     * system clock, use {@link HealthProber#socket()} as it is: asynchronous).
     */
    static HealthProber inline(final HealthProber prober) {
        return (target, check, ppv2) -> CompletableFuture.completedFuture(
                prober.probe(target, check, ppv2).toCompletableFuture().join());
    }
}
