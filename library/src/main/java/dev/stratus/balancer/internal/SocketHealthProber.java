package dev.stratus.balancer.internal;

import dev.stratus.balancer.HealthCheck;
import dev.stratus.balancer.HealthProber;
import dev.stratus.balancer.ProxyProtocolV2;
import dev.stratus.balancer.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;

/** Probes over real sockets on a small pool of daemon threads: TCP connect, or an HTTP(S) GET and a status check. */
public final class SocketHealthProber implements HealthProber {
    public static final SocketHealthProber INSTANCE = new SocketHealthProber();

    private final ExecutorService executor = new ThreadPoolExecutor(0, 4, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread thread = new Thread(r, "stratus-health-probe");
                thread.setDaemon(true);
                return thread;
            });

    private SocketHealthProber() {
    }

    @Override
    public CompletionStage<Boolean> probe(final Target target, final HealthCheck check, final boolean proxyProtocolV2) {
        return CompletableFuture.supplyAsync(() -> probeNow(target, check, proxyProtocolV2), executor);
    }

    private static boolean probeNow(final Target target, final HealthCheck check, final boolean proxyProtocolV2) {
        int port = check.port() != 0 ? check.port() : target.port();
        int timeoutMs = (int) check.timeout().toMillis();
        InetSocketAddress address = new InetSocketAddress(target.address(), port);
        try (Socket socket = check.protocol() == HealthCheck.Protocol.HTTPS
                ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            socket.connect(address, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            if (proxyProtocolV2) {
                out.write(ProxyProtocolV2.local());
            }
            if (check.protocol() == HealthCheck.Protocol.TCP) {
                out.flush();
                return true;
            }
            String request = "GET " + check.path() + " HTTP/1.1\r\nHost: " + target.address() + ":" + port
                    + "\r\nUser-Agent: ELB-HealthChecker/2.0\r\nConnection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return check.isSuccess(statusCode(socket.getInputStream()));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static int statusCode(final InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n' && line.length() < 256) {
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ");
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
