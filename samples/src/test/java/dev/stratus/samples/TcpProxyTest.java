package dev.stratus.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.balancer.Balancer;
import dev.stratus.balancer.HealthCheck;
import dev.stratus.balancer.HealthProber;
import dev.stratus.balancer.Listener;
import dev.stratus.balancer.Protocol;
import dev.stratus.balancer.Target;
import dev.stratus.balancer.TargetGroup;
import dev.stratus.balancer.TargetState;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TcpProxyTest {
    private final ManualClock clock = ManualClock.atEpoch();
    private final List<EchoBackend> backends = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private Balancer balancer;
    private TcpProxy proxy;
    private int port;

    private void start(final int count, final boolean proxyProtocol) throws Exception {
        TargetGroup.Builder group = TargetGroup.builder("echo", Protocol.TCP).proxyProtocolV2(proxyProtocol)
                .healthCheck(HealthCheck.builder().interval(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(2))
                        .healthyThreshold(2).unhealthyThreshold(2).build());
        for (int i = 0; i < count; i++) {
            EchoBackend backend = new EchoBackend("b" + i);
            backends.add(backend);
            group.target(new Target(backend.name(), "127.0.0.1", backend.port(), "local"));
        }
        ServerSocketChannel listen = TcpProxy.bindLoopback();
        port = listen.socket().getLocalPort();
        balancer = Balancer.builder().clock(clock).random(RandomSource.seeded(11)).zone("local", "127.0.0.1")
                .targetGroup(group.build()).listener(Listener.builder(Protocol.TCP, port).forward("echo").build())
                .prober(NetworkLoadBalancer.inline(HealthProber.socket())).build();
        proxy = new TcpProxy(listen, balancer, RandomSource.seeded(12));
        clock.advance(Duration.ofSeconds(10));
        for (EchoBackend backend : backends) {
            assertEquals(TargetState.HEALTHY, balancer.targetState("echo", backend.name()));
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (balancer != null) {
            balancer.close();
        }
        for (EchoBackend backend : backends) {
            backend.close();
        }
    }

    private Socket open() throws Exception {
        Socket socket = NetworkLoadBalancer.connect(port);
        sockets.add(socket);
        return socket;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldSpreadConnectionsAndMoveNewFlowsOffAKilledBackend() throws Exception {
        start(3, false);
        Map<Socket, String> pinned = new HashMap<>();
        Map<String, Integer> spread = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            Socket socket = open();
            String reply = NetworkLoadBalancer.call(socket, "hello-" + i);
            String backend = NetworkLoadBalancer.backendOf(reply);
            assertEquals(backend + ":hello-" + i, reply);
            pinned.put(socket, backend);
            spread.merge(backend, 1, Integer::sum);
        }
        assertEquals(3, spread.size(), spread.toString());
        spread.values().forEach(n -> assertTrue(n >= 8, spread.toString()));

        backends.get(1).kill();
        clock.advance(Duration.ofSeconds(10));
        assertEquals(TargetState.UNHEALTHY, balancer.targetState("echo", "b1"));

        // connections to the surviving backends are untouched: same backend, same socket
        for (Map.Entry<Socket, String> e : pinned.entrySet()) {
            if (!e.getValue().equals("b1")) {
                assertEquals(e.getValue() + ":still-there", NetworkLoadBalancer.call(e.getKey(), "still-there"));
            }
        }
        // connections to the killed backend are gone
        for (Map.Entry<Socket, String> e : pinned.entrySet()) {
            if (e.getValue().equals("b1")) {
                assertEquals("", NetworkLoadBalancer.call(e.getKey(), "anyone"));
            }
        }
        Map<String, Integer> after = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            try (Socket socket = NetworkLoadBalancer.connect(port)) {
                after.merge(NetworkLoadBalancer.backendOf(NetworkLoadBalancer.call(socket, "new-" + i)), 1,
                        Integer::sum);
            }
        }
        assertFalse(after.containsKey("b1"), after.toString());
        assertEquals(40, after.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(0, proxy.refused());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldPrependAProxyProtocolV2HeaderCarryingTheClientPort() throws Exception {
        start(2, true);
        for (int i = 0; i < 5; i++) {
            Socket socket = open();
            String reply = NetworkLoadBalancer.call(socket, "ppv2");
            String backend = NetworkLoadBalancer.backendOf(reply);
            assertEquals(backend + "[" + socket.getLocalPort() + "]:ppv2", reply);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldResetNewConnectionsWhileTheOnlyBackendDrains() throws Exception {
        start(1, false);
        Socket socket = open();
        assertEquals("b0:one", NetworkLoadBalancer.call(socket, "one"));
        balancer.deregisterTargets("echo", "b0");
        try (Socket refused = NetworkLoadBalancer.connect(port)) {
            assertThrows(SocketException.class, () -> NetworkLoadBalancer.call(refused, "none"));
        }
        assertEquals(1, proxy.refused());
        // the established connection keeps draining to its target during the deregistration delay
        assertEquals("b0:two", NetworkLoadBalancer.call(socket, "two"));
    }
}
