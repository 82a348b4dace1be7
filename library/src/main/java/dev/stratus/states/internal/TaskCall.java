package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** How a Task's Resource is invoked: which handler, which events, which result shape. */
final class TaskCall {
    enum Pattern { REQUEST_RESPONSE, WAIT_FOR_TASK_TOKEN, SYNC }

    Pattern pattern = Pattern.REQUEST_RESPONSE;
    boolean lambdaFunction;
    boolean lambdaInvoke;
    boolean activity;
    String resourceType;
    String resource;
    String handlerKey;
    /** The handler under {@link #handlerKey}, or null when none is registered. */
    Engine.Invoker invoker;
    String functionName;
    /** lambda:invoke's Payload (the other calls' payload is the effective input). */
    JsonNode payload;
    boolean logTail;

    private TaskCall() {
    }

    /** A resource and its call, as {@link Engine#lastTaskCall} holds them. */
    record Last(String resourceArn, TaskCall call) {
    }

    static TaskCall of(final String resourceArn, final JsonNode effective, final Engine engine) {
        Last last = engine.lastTaskCall;
        if (last != null && last.resourceArn() == resourceArn) {
            return last.call();
        }
        TaskCall known = engine.taskCalls.get(resourceArn);
        if (known != null) {
            engine.lastTaskCall = new Last(resourceArn, known);
            return known;
        }
        TaskCall call = resolve(resourceArn, effective, engine);
        // an engine's handlers are fixed when it is built
        call.invoker = call.handlerKey == null ? null : engine.handlers.get(call.handlerKey);
        if (!call.lambdaInvoke) {
            // all but lambda:invoke (whose function is in its input) resolve the same way every time
            engine.taskCalls.putIfAbsent(resourceArn, call);
        }
        return call;
    }

    /** What the handler gets: the effective input, or for lambda:invoke its Payload. */
    JsonNode payload(final JsonNode effective) {
        return lambdaInvoke ? payload : effective;
    }

    private static TaskCall resolve(final String resourceArn, final JsonNode effective, final Engine engine) {
        TaskCall call = new TaskCall();
        String base = resourceArn;
        if (base.endsWith(".waitForTaskToken")) {
            call.pattern = Pattern.WAIT_FOR_TASK_TOKEN;
            base = base.substring(0, base.length() - ".waitForTaskToken".length());
        } else if (base.endsWith(".sync") || base.endsWith(".sync:2")) {
            call.pattern = Pattern.SYNC;
            base = base.substring(0, base.lastIndexOf(".sync"));
        }
        // arn:partition:service:region:account:resource, read in place (this runs on every Task attempt)
        int resourceStart = afterColons(resourceArn, 5);
        boolean arn = resourceStart > 0 && resourceArn.startsWith("arn:");
        if (arn && segmentIs(resourceArn, 2, "lambda") && resourceArn.startsWith("function:", resourceStart)) {
            call.lambdaFunction = true;
            call.functionName = functionName(resourceArn.substring(resourceStart));
            call.handlerKey = engine.handlers.containsKey(resourceArn) ? resourceArn : call.functionName;
            call.resourceType = "lambda";
            call.resource = resourceArn;
            return call;
        }
        if (arn && segmentIs(resourceArn, 2, "states") && resourceArn.startsWith("activity:", resourceStart)) {
            call.activity = true;
            call.resourceType = "activity";
            call.resource = resourceArn;
            return call;
        }
        if (resourceArn.startsWith("arn:aws:states:::")) {
            String rest = resourceArn.substring("arn:aws:states:::".length());
            int cut = rest.lastIndexOf(':');
            if (rest.endsWith(":2") && rest.contains(".sync")) {
                cut = rest.lastIndexOf(':', rest.lastIndexOf(".sync"));
            }
            call.resourceType = cut < 0 ? rest : rest.substring(0, cut);
            call.resource = cut < 0 ? rest : rest.substring(cut + 1);
            // a handler for the exact resource (a .sync variant) wins over the base integration's
            call.handlerKey = engine.handlers.containsKey(resourceArn) ? resourceArn : base;
            if (base.equals("arn:aws:states:::lambda:invoke")) {
                call.lambdaInvoke = true;
                JsonNode fn = effective.path("FunctionName");
                call.functionName = fn.isTextual() ? functionName(fn.asText()) : "";
                call.handlerKey = fn.isTextual() && engine.handlers.containsKey(fn.asText()) ? fn.asText()
                        : call.functionName;
                JsonNode p = effective.get("Payload");
                // no Payload (or null) reaches the function as an empty event
                call.payload = p == null || p.isNull() ? Values.NODES.objectNode() : p;
                if (p != null && p.isTextual()) {
                    // a string Payload is sent as the raw request body, so Lambda decodes it as JSON if it can
                    try {
                        call.payload = Json.parse(p.asText());
                    } catch (Exception notJson) {
                        call.payload = p;
                    }
                }
                call.logTail = "Tail".equals(effective.path("LogType").asText());
            }
            return call;
        }
        call.lambdaFunction = true;
        call.resourceType = "lambda";
        call.resource = resourceArn;
        call.functionName = resourceArn;
        call.handlerKey = resourceArn;
        return call;
    }

    /** The index just after the {@code n}th colon of {@code text}, or -1 if it has fewer. */
    private static int afterColons(final String text, final int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(':', at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at + 1;
    }

    /** Whether the colon-separated segment {@code index} (from 0) of {@code text} is {@code expected}. */
    private static boolean segmentIs(final String text, final int index, final String expected) {
        int start = index == 0 ? 0 : afterColons(text, index);
        return start >= 0 && text.startsWith(expected, start) && text.length() > start + expected.length()
                && text.charAt(start + expected.length()) == ':';
    }

    /** The function name in a name, partial ARN or ARN, without version or alias. */
    static String functionName(final String text) {
        String s = text;
        int f = s.indexOf("function:");
        if (f >= 0) {
            s = s.substring(f + "function:".length());
        }
        int colon = s.indexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }

    /** Lambda:invoke re-renders a JSON function error compactly, as Step Functions does. */
    String cause(final String cause) {
        if (!lambdaInvoke || cause == null || !cause.startsWith("{")) {
            return cause;
        }
        try {
            return Json.write(Json.parse(cause));
        } catch (Exception notJson) {
            return cause;
        }
    }

    String functionArn(final Engine engine) {
        return "arn:aws:lambda:" + engine.region + ":" + engine.account + ":function:" + functionName;
    }

    /** The task result: lambda:invoke wraps the function's payload in Lambda's Invoke response. */
    JsonNode wrap(final JsonNode result, final Engine engine) {
        if (!lambdaInvoke) {
            return result;
        }
        JsonNode payload = result == null ? Values.NODES.nullNode() : result;
        String requestId = engine.random.uuid().toString();
        String length = String.valueOf(Json.write(payload).getBytes(StandardCharsets.UTF_8).length);
        String date = Instant.ofEpochMilli(engine.clock.epochMillis()).toString();
        String trace = "Root=1-" + Long.toHexString(engine.clock.epochMillis() / 1000) + "-"
                + requestId.replace("-", "").substring(0, 24);
        ObjectNode response = Values.NODES.objectNode();
        response.put("ExecutedVersion", "$LATEST");
        response.set("Payload", payload);
        ObjectNode http = response.putObject("SdkHttpMetadata");
        ObjectNode all = http.putObject("AllHttpHeaders");
        all.putArray("X-Amz-Executed-Version").add("$LATEST");
        all.putArray("x-amzn-Remapped-Content-Length").add("0");
        all.putArray("Connection").add("keep-alive");
        all.putArray("x-amzn-RequestId").add(requestId);
        all.putArray("Content-Length").add(length);
        all.putArray("Date").add(date);
        all.putArray("X-Amzn-Trace-Id").add(trace);
        all.putArray("Content-Type").add("application/json");
        ObjectNode headers = http.putObject("HttpHeaders");
        headers.put("Connection", "keep-alive");
        headers.put("Content-Length", length);
        headers.put("Content-Type", "application/json");
        headers.put("Date", date);
        headers.put("X-Amz-Executed-Version", "$LATEST");
        headers.put("x-amzn-Remapped-Content-Length", "0");
        headers.put("x-amzn-RequestId", requestId);
        headers.put("X-Amzn-Trace-Id", trace);
        http.put("HttpStatusCode", 200);
        response.putObject("SdkResponseMetadata").put("RequestId", requestId);
        response.put("StatusCode", 200);
        if (logTail) {
            String log = "START RequestId: " + requestId + " Version: $LATEST\nEND RequestId: " + requestId
                    + "\nREPORT RequestId: " + requestId + "\n";
            String encoded = java.util.Base64.getEncoder().encodeToString(log.getBytes(StandardCharsets.UTF_8));
            all.putArray("X-Amz-Log-Result").add(encoded);
            headers.put("X-Amz-Log-Result", encoded);
            response.put("LogResult", encoded);
        }
        return response;
    }
}
