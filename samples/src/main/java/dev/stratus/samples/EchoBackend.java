package dev.stratus.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback backend for the proxy sample: answers every chunk it reads with {@code <name>:<chunk>}. When a
 * connection starts with a PROXY v2 header it strips it and answers {@code <name>[client port]:<chunk>}, showing
 * the client address the balancer preserved. {@link #kill()} closes the listener and every connection at once.
 */
public final class EchoBackend implements AutoCloseable {
    private static final byte[] PPV2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private final String name;
    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile boolean alive = true;

    /** Starts a backend on 127.0.0.1 with an ephemeral port. */
    public EchoBackend(final String name) throws IOException {
        this.name = name;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "backend-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The backend's name. */
    public String name() {
        return name;
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (alive) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread worker = new Thread(() -> serve(socket), "backend-" + name + "-conn");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(final Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[4096];
            String prefix = name;
            boolean first = true;
            int n;
            while ((n = in.read(buffer)) > 0) {
                int offset = 0;
                if (first && n >= 16 && Arrays.equals(Arrays.copyOf(buffer, 12), PPV2)) {
                    int length = ((buffer[14] & 0xFF) << 8) | (buffer[15] & 0xFF);
                    if ((buffer[12] & 0x0F) == 1 && buffer[13] == 0x11) {
                        int clientPort = ((buffer[24] & 0xFF) << 8) | (buffer[25] & 0xFF);
                        prefix = name + "[" + clientPort + "]";
                    }
                    offset = 16 + length;
                }
                first = false;
                if (n > offset) {
                    String text = new String(buffer, offset, n - offset, StandardCharsets.UTF_8);
                    out.write((prefix + ":" + text).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away or the backend was killed
        } finally {
            connections.remove(socket);
        }
    }

    /** Stops listening and drops every connection, like a crashed server. */
    public void kill() throws IOException {
        alive = false;
        server.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }

    @Override
    public void close() throws IOException {
        kill();
    }
}
