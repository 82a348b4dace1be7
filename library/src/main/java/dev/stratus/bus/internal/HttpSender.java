package dev.stratus.bus.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** POSTs SNS messages to HTTP/S endpoints with the JDK client; SNS waits at most 15 seconds for an answer. */
public final class HttpSender {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static volatile HttpClient client;

    private HttpSender() {
    }

    /**
     * Sends one POST and returns the status code.
     *
     * @throws IOException when the endpoint cannot be reached or does not answer in time
     */
    public static int post(final URI endpoint, final String body, final Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return client().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (HttpSender.class) {
                current = client;
                if (current == null) {
                    current = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NEVER).build();
                    client = current;
                }
            }
        }
        return current;
    }
}
