package dev.stratus.samples;

import dev.stratus.balancer.Balancer;
import dev.stratus.balancer.FlowKey;
import dev.stratus.balancer.ProxyProtocolV2;
import dev.stratus.balancer.Target;
import dev.stratus.core.RandomSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small NIO TCP proxy on loopback that puts the balancer core on a real data path: each accepted connection is a
 * new flow routed through {@link Balancer#route}; its bytes are spliced to the chosen backend (after a PROXY v2
 * header when the target group enables it), and every chunk is routed again as an established-flow packet, so an
 * idle timeout or a terminated target resets the connection as NLB would. One selector thread does everything, so
 * it is the only caller of the balancer's data path.
 */
public final class TcpProxy implements AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    private final ServerSocketChannel server;
    private final Balancer balancer;
    private final RandomSource random;
    private final Selector selector;
    private final Thread thread;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean running = true;

    /** Serves {@code server} (bound to a loopback address whose port is a listener of {@code balancer}). */
    public TcpProxy(final ServerSocketChannel server, final Balancer balancer, final RandomSource random)
            throws IOException {
        this.server = server;
        this.balancer = balancer;
        this.random = random;
        this.selector = Selector.open();
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.thread = new Thread(this::run, "tcp-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    /** Binds a server socket on 127.0.0.1 with an ephemeral port. */
    public static ServerSocketChannel bindLoopback() throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        return channel;
    }

    /** Connections accepted and routed to a backend. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections refused because routing found no target. */
    public int refused() {
        return refused.get();
    }

    private void run() {
        try {
            while (running) {
                selector.select(100);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    try {
                        handle(key);
                    } catch (IOException e) {
                        Object attachment = key.attachment();
                        if (attachment instanceof Pipe) {
                            ((Pipe) attachment).connection.close(false);
                        } else if (attachment instanceof Connection) {
                            ((Connection) attachment).close(false);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (running) {
                throw new IllegalStateException("proxy loop failed", e);
            }
        }
    }

    private void handle(final SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
        } else if (key.isConnectable()) {
            ((Connection) key.attachment()).finishConnect();
        } else {
            Pipe pipe = (Pipe) key.attachment();
            if (key.isReadable()) {
                pipe.read();
            }
            if (key.isValid() && key.isWritable()) {
                pipe.peer.flush();
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return;
        }
        client.configureBlocking(false);
        InetSocketAddress clientAddress = (InetSocketAddress) client.getRemoteAddress();
        InetSocketAddress listenAddress = (InetSocketAddress) client.getLocalAddress();
        // user space never sees the client's SYN, so the proxy draws the initial sequence number itself
        FlowKey flow = new FlowKey().set(true, clientAddress, listenAddress).sequence(random.nextInt(1 << 30));
        int result = balancer.route(flow, FlowKey.SYN, 60);
        if (result < 0) {
            refused.incrementAndGet();
            client.setOption(StandardSocketOptions.SO_LINGER, 0);
            client.close();
            return;
        }
        Target target = balancer.target(result);
        SocketChannel backend = SocketChannel.open();
        backend.configureBlocking(false);
        Connection connection = new Connection(flow, result, client, backend);
        boolean proxyProtocol = balancer.targetGroups().stream()
                .filter(g -> g.name().equals(balancer.targetGroupOf(result))).findFirst().orElseThrow()
                .proxyProtocolV2();
        if (proxyProtocol) {
            connection.toBackend.buffer.put(ProxyProtocolV2.proxy(clientAddress, listenAddress, true));
        }
        if (backend.connect(new InetSocketAddress(target.address(), target.port()))) {
            connection.connected();
        } else {
            backend.register(selector, SelectionKey.OP_CONNECT, connection);
        }
        accepted.incrementAndGet();
    }

    @Override
    public void close() throws IOException {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
        server.close();
    }

    /** One proxied connection: the client side, the backend side and its flow. */
    private final class Connection {
        final FlowKey flow;
        final int target;
        final SocketChannel client;
        final SocketChannel backend;
        final Pipe toBackend;
        final Pipe toClient;
        boolean closed;

        Connection(final FlowKey flow, final int target, final SocketChannel client, final SocketChannel backend) {
            this.flow = flow;
            this.target = target;
            this.client = client;
            this.backend = backend;
            this.toBackend = new Pipe(this, client, backend);
            this.toClient = new Pipe(this, backend, client);
            toBackend.peer = toClient;
            toClient.peer = toBackend;
        }

        void finishConnect() throws IOException {
            try {
                backend.finishConnect();
            } catch (IOException e) {
                // a refused connect is a passive health-check failure
                balancer.reportTargetFailure(target);
                close(true);
                return;
            }
            connected();
        }

        void connected() throws IOException {
            toBackend.sourceKey = client.register(selector, SelectionKey.OP_READ, toBackend);
            toClient.sourceKey = backend.register(selector, SelectionKey.OP_READ, toClient);
            toBackend.drainTo();
        }

        void close(final boolean reset) {
            if (closed) {
                return;
            }
            closed = true;
            balancer.route(flow, reset ? FlowKey.RST : FlowKey.FIN | FlowKey.ACK, 40);
            try {
                if (reset) {
                    client.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
                client.close();
                backend.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One direction of a connection: reads from {@code source}, writes to {@code sink}. */
    private final class Pipe {
        final Connection connection;
        final SocketChannel source;
        final SocketChannel sink;
        final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        Pipe peer;
        SelectionKey sourceKey;
        boolean eof;

        Pipe(final Connection connection, final SocketChannel source, final SocketChannel sink) {
            this.connection = connection;
            this.source = source;
            this.sink = sink;
        }

        void read() throws IOException {
            int n = source.read(buffer);
            if (n < 0) {
                eof = true;
                sourceKey.interestOps(sourceKey.interestOps() & ~SelectionKey.OP_READ);
                if (peer.eof || source == connection.backend) {
                    connection.close(false);
                    return;
                }
                drainTo();
                return;
            }
            if (n > 0 && source == connection.client) {
                int result = balancer.route(connection.flow, FlowKey.ACK, n + 40);
                if (result != connection.target) {
                    // idle timeout or terminated target: NLB answers with a reset
                    connection.close(true);
                    return;
                }
            }
            drainTo();
        }

        /** Writes what this pipe buffered to its sink, pausing reads while the sink is full. */
        void drainTo() throws IOException {
            buffer.flip();
            sink.write(buffer);
            boolean pending = buffer.hasRemaining();
            buffer.compact();
            SelectionKey sinkKey = peer.sourceKey;
            if (sinkKey != null && sinkKey.isValid()) {
                int ops = sinkKey.interestOps();
                sinkKey.interestOps(pending ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE);
            }
            if (sourceKey != null && sourceKey.isValid() && !eof) {
                int ops = sourceKey.interestOps();
                sourceKey.interestOps(pending ? ops & ~SelectionKey.OP_READ : ops | SelectionKey.OP_READ);
            }
            if (!pending && eof && !connection.closed) {
                sink.shutdownOutput();
            }
        }

        /** Called when this pipe's source channel is writable: it is the peer's sink. */
        void flush() throws IOException {
            drainTo();
        }
    }
}
