package dev.stratus.balancer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SocketHealthProberTest {

    /** A one-connection-at-a-time HTTP server answering {@code status}; returns the bytes it read first. */
    private static CompletableFuture<byte[]> serveOnce(final ServerSocket server, final int status) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                byte[] buffer = new byte[4096];
                int n = in.read(buffer);
                OutputStream out = socket.getOutputStream();
                String response = "HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\n\r\n";
                out.write(response.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                return java.util.Arrays.copyOf(buffer, Math.max(n, 0));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldPassHttpChecksOnMatchingStatusCodesOnly() throws Exception {
        HealthCheck http = HealthCheck.builder().protocol(HealthCheck.Protocol.HTTP).path("/health")
                .interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(5)).build();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Target target = new Target("web", "127.0.0.1", server.getLocalPort(), "local");
            CompletableFuture<byte[]> request = serveOnce(server, 200);
            assertTrue(HealthProber.socket().probe(target, http, false).toCompletableFuture().get());
            String text = new String(request.get(), StandardCharsets.US_ASCII);
            assertTrue(text.startsWith("GET /health HTTP/1.1\r\n"), text);
            assertTrue(text.contains("User-Agent: ELB-HealthChecker/2.0"), text);

            serveOnce(server, 503);
            assertFalse(HealthProber.socket().probe(target, http, false).toCompletableFuture().get());
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldSendALocalProxyHeaderOnTcpChecksAndFailOnClosedPorts() throws Exception {
        HealthCheck tcp = HealthCheck.defaults();
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Target target = new Target("db", "127.0.0.1", server.getLocalPort(), "local");
            CompletableFuture<byte[]> request = serveOnce(server, 200);
            assertTrue(HealthProber.socket().probe(target, tcp, true).toCompletableFuture().get());
            assertArrayEquals(ProxyProtocolV2.local(), request.get());
            closedPort = server.getLocalPort();
        }
        Target gone = new Target("db", "127.0.0.1", closedPort, "local");
        assertFalse(HealthProber.socket().probe(gone, tcp, false).toCompletableFuture().get());
        assertEquals(16, ProxyProtocolV2.local().length);
    }
}
