package dev.stratus.states;

import static dev.stratus.states.Histories.event;
import static dev.stratus.states.Histories.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.RandomSource;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DistributedMapTest {
    private static final String ITEM = "arn:aws:lambda:us-east-1:111111111111:function:Item";

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<Throwable> errors = new ArrayList<>();
    private final Map<Integer, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<Integer> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, String> objects = new ConcurrentHashMap<>();

    private States.Builder builder() {
        return States.builder().clock(clock).random(RandomSource.seeded(7)).errorHandler(errors::add)
                .handler("Item", in -> {
                    if (in.has("Items")) {
                        for (JsonNode item : in.get("Items")) {
                            if (failing.contains(item.path("n").asInt())) {
                                throw new StatesException("Batch.Failed", "a batch item failed");
                            }
                        }
                        return in.get("Items");
                    }
                    int n = in.isObject() ? in.path("n").asInt() : in.asInt();
                    calls.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                    if (failing.contains(n)) {
                        throw new StatesException("Item.Failed", "item " + n + " failed");
                    }
                    return Json.MAPPER.getNodeFactory().numberNode(n * 10);
                });
    }

    private static String json(final String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static String machine(final String type, final String extra) {
        return json("{'StartAt':'M','States':{'M':{'Type':'Map','Label':'items'," + extra
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'" + type + "'},"
                + "'StartAt':'T','States':{'T':{'Type':'Task','Resource':'" + ITEM + "','End':true}}},'End':true}}}");
    }

    private int calls(final int n) {
        AtomicInteger c = calls.get(n);
        return c == null ? 0 : c.get();
    }

    @Test
    void shouldRunEachItemAsAStandardChildExecutionWithItsOwnHistory() {
        States states = builder().build();
        StateMachine m = states.define("orders", machine("STANDARD", ""));
        Execution run = states.start(m, "[1,2,3]");

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        assertEquals("[10,20,30]", Json.write(run.output().orElseThrow()));
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"), types(run));

        List<MapRun> runs = run.mapRuns();
        assertEquals(1, runs.size());
        MapRun mapRun = runs.get(0);
        assertEquals(event(run, "MapRunStarted").details().get("mapRunArn").asText(), mapRun.arn());
        assertTrue(mapRun.arn().startsWith("arn:aws:states:us-east-1:111111111111:mapRun:orders/items:"),
                mapRun.arn());
        assertEquals(run.arn(), mapRun.executionArn());
        assertEquals("SUCCEEDED", mapRun.status());
        List<Execution> children = mapRun.executions();
        assertEquals(3, children.size());
        for (int i = 0; i < 3; i++) {
            Execution child = children.get(i);
            assertTrue(child.arn().matches("arn:aws:states:us-east-1:111111111111:execution:orders/items:"
                    + "[0-9a-f-]{36}"), child.arn());
            assertEquals(child.arn().substring(child.arn().lastIndexOf(':') + 1), child.name());
            assertEquals("orders/items", child.stateMachine().name());
            assertEquals("arn:aws:states:us-east-1:111111111111:stateMachine:orders/items",
                    child.stateMachine().arn());
            assertEquals(String.valueOf(i + 1), Json.write(child.input()));
            assertEquals(String.valueOf((i + 1) * 10), Json.write(child.output().orElseThrow()));
            assertEquals(List.of("ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                    "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"),
                    types(child));
            assertEquals(mapRun.arn(), child.mapRunArn().orElseThrow());
            assertEquals(mapRun.arn(), child.describe().get("mapRunArn").asText());
            // Standard children are found like any execution
            assertEquals(child.arn(), states.execution(child.arn()).orElseThrow().arn());
        }
        assertEquals(3, states.executions(ExecutionStatus.SUCCEEDED).size() - 1);
    }

    @Test
    void shouldGiveChildrenTheirOwnContextObject() {
        States states = builder().build();
        StateMachine m = states.define("ctx", json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'P','States':{'P':{'Type':'Pass','End':true,'Parameters':{"
                + "'id.$':'$$.Execution.Id','machine.$':'$$.StateMachine.Name','in.$':'$$.Execution.Input'}}}}}}}"));
        Execution run = states.start(m, "[{'a':1}]".replace('\'', '"'));
        Execution child = run.mapRuns().get(0).executions().get(0);
        JsonNode out = run.output().orElseThrow().get(0);
        assertEquals(child.arn(), out.get("id").asText());
        assertEquals("ctx/M", out.get("machine").asText());
        assertEquals("{\"a\":1}", Json.write(out.get("in")));
    }

    @Test
    void shouldRunExpressChildrenWithoutHistories() {
        States states = builder().build();
        StateMachine m = states.define("fast", machine("EXPRESS", ""));
        Execution run = states.start(m, "[1,2]");
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals("[10,20]", Json.write(run.output().orElseThrow()));
        List<Execution> children = run.mapRuns().get(0).executions();
        assertEquals(2, children.size());
        for (Execution child : children) {
            assertTrue(child.arn().contains(":express:fast/items:"), child.arn());
            assertEquals(List.of(), child.history());
            assertEquals(StateMachineType.EXPRESS, child.stateMachine().type());
            assertTrue(states.execution(child.arn()).isEmpty());
        }
    }

    @Test
    void shouldDescribeTheMapRunWithItemAndExecutionCounts() {
        failing.add(2);
        States states = builder().build();
        StateMachine m = states.define("counts", machine("STANDARD",
                "'ToleratedFailureCount':1,'MaxConcurrency':2,'ItemBatcher':{'MaxItemsPerBatch':2},"));
        Execution run = states.start(m, "[{'n':1},{'n':2},{'n':3}]".replace('\'', '"'));
        // batches of two items: [1,2] fails on item 2, [3] succeeds; one failure is tolerated
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        ObjectNode d = run.mapRuns().get(0).describe();
        assertEquals("SUCCEEDED", d.get("status").asText());
        assertEquals(2, d.get("maxConcurrency").asInt());
        assertEquals(1, d.get("toleratedFailureCount").asInt());
        assertEquals(3, d.at("/itemCounts/total").asInt());
        assertEquals(2, d.at("/itemCounts/failed").asInt());
        assertEquals(1, d.at("/itemCounts/succeeded").asInt());
        assertEquals(2, d.at("/executionCounts/total").asInt());
        assertEquals(1, d.at("/executionCounts/failed").asInt());
        assertEquals(1, d.at("/executionCounts/succeeded").asInt());
        assertEquals(0, d.at("/executionCounts/pending").asInt());
        assertTrue(d.has("stopDate"));
        // the failed batch is null in the Map's output, as AWS gives a tolerated failure
        assertEquals("null", Json.write(run.output().orElseThrow().get(0)));
    }

    @Test
    void shouldFailTheMapRunBeyondTheToleratedFailuresAndAbortRunningChildren() {
        States states = builder().asyncHandler("Maybe", in -> in.asInt() <= 2
                ? java.util.concurrent.CompletableFuture.failedFuture(new StatesException("Item.Failed", "no"))
                : new java.util.concurrent.CompletableFuture<>()).build();
        StateMachine m = states.define("tolerance", json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                + "'ToleratedFailureCount':1,'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED',"
                + "'ExecutionType':'STANDARD'},'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:111111111111:function:Maybe','End':true}}}}}}"));
        Execution run = states.start(m, "[1,2,3,4]");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.ExceedToleratedFailureThreshold", run.error().orElseThrow());
        assertEquals("The specified tolerated failure threshold was exceeded", run.cause().orElseThrow());
        HistoryEvent failed = event(run, "MapRunFailed");
        assertEquals("States.ExceedToleratedFailureThreshold", failed.details().get("error").asText());
        MapRun mapRun = run.mapRuns().get(0);
        assertEquals("FAILED", mapRun.status());
        ObjectNode counts = (ObjectNode) mapRun.describe().get("executionCounts");
        assertEquals(2, counts.get("failed").asInt());
        // the children still waiting for their task are aborted with the Map Run
        assertEquals(2, counts.get("aborted").asInt());
        assertEquals(0, counts.get("running").asInt());
    }

    @Test
    void shouldStopRunningChildrenWhenTheParentIsStopped() {
        States states = builder().asyncHandler("Never", in -> new java.util.concurrent.CompletableFuture<>())
                .build();
        StateMachine m = states.define("stopped", json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:111111111111:function:Never','End':true}}}}}}"));
        Execution run = states.start(m, "[1,2]");
        MapRun mapRun = run.mapRuns().get(0);
        assertEquals(2, mapRun.describe().at("/executionCounts/running").asInt());
        run.stop("Op.Stop", "by hand");
        assertEquals(ExecutionStatus.ABORTED, run.status());
        assertEquals("ABORTED", mapRun.status());
        for (Execution child : mapRun.executions()) {
            assertEquals(ExecutionStatus.ABORTED, child.status());
        }
    }

    @Test
    void shouldKeepMaxConcurrencyChildrenRunning() {
        List<java.util.concurrent.CompletableFuture<JsonNode>> pending = new ArrayList<>();
        States states = builder().asyncHandler("Later", in -> {
            java.util.concurrent.CompletableFuture<JsonNode> f = new java.util.concurrent.CompletableFuture<>();
            pending.add(f);
            return f;
        }).build();
        StateMachine m = states.define("limited", json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                + "'MaxConcurrency':2,'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED',"
                + "'ExecutionType':'STANDARD'},'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:111111111111:function:Later','End':true}}}}}}"));
        Execution run = states.start(m, "[1,2,3,4,5]");
        MapRun mapRun = run.mapRuns().get(0);
        assertEquals(2, pending.size());
        assertEquals(3, mapRun.describe().at("/executionCounts/pending").asInt());
        pending.get(0).complete(Json.MAPPER.getNodeFactory().textNode("a"));
        assertEquals(3, pending.size());
        assertEquals(2, mapRun.describe().at("/executionCounts/running").asInt());
        for (int i = 1; i < 5; i++) {
            pending.get(i).complete(Json.MAPPER.getNodeFactory().textNode("x" + i));
        }
        assertEquals(ExecutionStatus.SUCCEEDED, run.status());
        assertEquals("[\"a\",\"x1\",\"x2\",\"x3\",\"x4\"]", Json.write(run.output().orElseThrow()));
    }

    @Test
    void shouldWriteResultsToTheObjectStoreAndOutputTheDescriptor() {
        failing.add(2);
        States states = builder().build();
        StateMachine m = states.define("writer", machine("STANDARD", "'ToleratedFailureCount':1,"
                + "'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject',"
                + "'Parameters':{'Bucket':'results','Prefix.$':'$$.Execution.Name'}},"));
        Execution run = states.start(m, "run1", "[1,2,3]");
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        MapRun mapRun = run.mapRuns().get(0);
        String id = mapRun.arn().substring(mapRun.arn().lastIndexOf(':') + 1);
        JsonNode out = run.output().orElseThrow();
        assertEquals(mapRun.arn(), out.get("MapRunArn").asText());
        assertEquals("results", out.at("/ResultWriterDetails/Bucket").asText());
        assertEquals("run1/" + id + "/manifest.json", out.at("/ResultWriterDetails/Key").asText());

        JsonNode manifest = object(states, "results", "run1/" + id + "/manifest.json");
        assertEquals("results", manifest.get("DestinationBucket").asText());
        assertEquals(mapRun.arn(), manifest.get("MapRunArn").asText());
        assertEquals("run1/" + id + "/SUCCEEDED_0.json", manifest.at("/ResultFiles/SUCCEEDED/0/Key").asText());
        assertEquals("run1/" + id + "/FAILED_0.json", manifest.at("/ResultFiles/FAILED/0/Key").asText());
        assertEquals(0, manifest.at("/ResultFiles/PENDING").size());

        JsonNode succeeded = object(states, "results", "run1/" + id + "/SUCCEEDED_0.json");
        assertEquals(2, succeeded.size());
        JsonNode first = succeeded.get(0);
        assertEquals(mapRun.executions().get(0).arn(), first.get("ExecutionArn").asText());
        assertEquals("1", first.get("Input").asText());
        assertEquals("10", first.get("Output").asText());
        assertEquals("SUCCEEDED", first.get("Status").asText());
        assertEquals("arn:aws:states:us-east-1:111111111111:stateMachine:writer/items",
                first.get("StateMachineArn").asText());
        assertEquals(manifest.at("/ResultFiles/SUCCEEDED/0/Size").asLong(),
                states.object("results", "run1/" + id + "/SUCCEEDED_0.json").orElseThrow().getBytes(
                        java.nio.charset.StandardCharsets.UTF_8).length);
        JsonNode failed = object(states, "results", "run1/" + id + "/FAILED_0.json");
        assertEquals(1, failed.size());
        assertEquals("Item.Failed", failed.get(0).get("Error").asText());
        assertEquals("item 2 failed", failed.get(0).get("Cause").asText());
        assertEquals("FAILED", failed.get(0).get("Status").asText());
        assertEquals(3, mapRun.describe().at("/itemCounts/resultsWritten").asInt());
    }

    @Test
    void shouldTransformResultsWithOnlyAWriterConfig() {
        States states = builder().handler("Pair", in -> Json.MAPPER.createArrayNode().add(in).add(in)).build();
        StateMachine m = states.define("flat", json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                + "'ResultWriter':{'WriterConfig':{'Transformation':'FLATTEN','OutputType':'JSON'}},"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},"
                + "'StartAt':'T','States':{'T':{'Type':'Task','Resource':"
                + "'arn:aws:lambda:us-east-1:111111111111:function:Pair','End':true}}}}}}"));
        Execution run = states.start(m, "[1,2]");
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        assertEquals("[1,1,2,2]", Json.write(run.output().orElseThrow()));
    }

    @Test
    void shouldFailWithResultWriterFailedNamingTheMissingBucket() {
        States states = builder().build();
        StateMachine m = states.define("nobucket", machine("STANDARD",
                "'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Prefix':'p'}},"));
        Execution run = states.start(m, "[1]");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.ResultWriterFailed", run.error().orElseThrow());
        assertTrue(run.cause().orElseThrow().contains("'Parameters.Bucket'"), run.cause().orElseThrow());
        assertTrue(run.cause().orElseThrow().contains("Bucket=missing"), run.cause().orElseThrow());
        assertEquals(0, calls(1));

        StateMachine wrong = states.define("wrongwriter", machine("STANDARD",
                "'ResultWriter':{'Resource':'arn:aws:states:::s3:getObject','Parameters':{'Bucket':'b'}},"));
        Execution run2 = states.start(wrong, "[1]");
        assertEquals("States.ResultWriterFailed", run2.error().orElseThrow());
        assertTrue(run2.cause().orElseThrow().contains("Resource=arn:aws:states:::s3:getObject"),
                run2.cause().orElseThrow());

        StateMachine badPrefix = states.define("badprefix", machine("STANDARD",
                "'ResultWriter':{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'b','Prefix':3}},"));
        Execution run3 = states.start(badPrefix, "[1]");
        assertEquals("States.ResultWriterFailed", run3.error().orElseThrow());
        assertTrue(run3.cause().orElseThrow().contains("Prefix=3"), run3.cause().orElseThrow());
    }

    @Test
    void shouldRedriveOnlyTheFailedChildExecutionsOfTheMapRun() {
        failing.add(2);
        failing.add(4);
        States states = builder().build();
        StateMachine m = states.define("redrive", machine("STANDARD", ""));
        Execution run = states.start(m, "[1,2,3,4]");
        assertEquals(ExecutionStatus.FAILED, run.status());
        MapRun mapRun = run.mapRuns().get(0);
        List<Execution> before = mapRun.executions();
        Execution failedChild = before.stream().filter(e -> e.status() == ExecutionStatus.FAILED).findFirst()
                .orElseThrow();
        assertEquals("REDRIVABLE_BY_MAP_RUN", failedChild.describe().get("redriveStatus").asText());
        StratusException direct = assertThrows(StratusException.class, failedChild::redrive);
        assertEquals("ExecutionNotRedrivable", direct.code());
        int firstCalls = calls(1);

        failing.clear();
        clock.advance(Duration.ofMinutes(5));
        run.redrive();

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        assertEquals("[10,20,30,40]", Json.write(run.output().orElseThrow()));
        // the succeeded child is not run again
        assertEquals(firstCalls, calls(1));
        assertEquals(1, run.mapRuns().size());
        assertEquals(mapRun.arn(), event(run, "MapRunRedriven").details().get("mapRunArn").asText());
        assertEquals(1, mapRun.redriveCount());
        assertTrue(mapRun.describe().has("redriveDate"));
        assertEquals("SUCCEEDED", mapRun.status());
        List<Execution> after = mapRun.executions();
        assertEquals(4, after.size());
        for (int i = 0; i < 4; i++) {
            Execution child = after.get(i);
            assertEquals(ExecutionStatus.SUCCEEDED, child.status());
            if (i == 0) {
                assertEquals(before.get(0).arn(), child.arn());
                assertEquals(0, child.redriveCount());
            } else if (i == 1 && before.size() > 1) {
                // the failed child is redriven: the same execution, its history continues
                assertEquals(before.get(1).arn(), child.arn());
                assertEquals(1, child.redriveCount());
                assertTrue(types(child).contains("ExecutionRedriven"));
                assertTrue(types(child).contains("ExecutionFailed"));
            }
        }
        assertEquals(2, calls(2));
        assertEquals(errors, List.of());
    }

    @Test
    void shouldCountFailedChildrenWaitingForTheirRedriveAsPendingRedrive() {
        List<java.util.concurrent.CompletableFuture<JsonNode>> pending = new ArrayList<>();
        boolean[] fixed = {false};
        States states = builder().asyncHandler("Later", in -> {
            java.util.concurrent.CompletableFuture<JsonNode> f = new java.util.concurrent.CompletableFuture<>();
            if (!fixed[0]) {
                f.completeExceptionally(new StatesException("Later.Failed", "first run"));
            } else {
                pending.add(f);
            }
            return f;
        }).build();
        StateMachine strict = states.define("serialStrict", json("{'StartAt':'M','States':{'M':{'Type':'Map',"
                + "'End':true,'MaxConcurrency':1,'ToleratedFailureCount':2,'ItemProcessor':{'ProcessorConfig':{"
                + "'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Later','End':true}}}}}}"));
        Execution failed = states.start(strict, "[1,2,3]");
        assertEquals(ExecutionStatus.FAILED, failed.status());
        MapRun mapRun = failed.mapRuns().get(0);
        assertEquals(3, mapRun.describe().at("/executionCounts/failed").asInt());

        fixed[0] = true;
        failed.redrive();
        ObjectNode counts = (ObjectNode) mapRun.describe().get("executionCounts");
        assertEquals(1, counts.get("running").asInt());
        assertEquals(2, counts.get("pendingRedrive").asInt());
        assertEquals(1, pending.size());
        pending.get(0).complete(Json.MAPPER.getNodeFactory().numberNode(1));
        pending.get(1).complete(Json.MAPPER.getNodeFactory().numberNode(2));
        assertEquals(0, mapRun.describe().at("/executionCounts/pendingRedrive").asInt());
        pending.get(2).complete(Json.MAPPER.getNodeFactory().numberNode(3));
        assertEquals(ExecutionStatus.SUCCEEDED, failed.status(), () -> failed.error() + " " + failed.cause());
        assertEquals("[1,2,3]", Json.write(failed.output().orElseThrow()));
        assertEquals(3, mapRun.describe().at("/executionCounts/succeeded").asInt());
    }

    @Test
    void shouldStopRedrivingAMapRunAfterAThousandRedrives() {
        failing.add(1);
        States states = builder().build();
        StateMachine m = states.define("stubborn", machine("STANDARD", ""));
        Execution run = states.start(m, "[1]");
        for (int i = 0; i < 1_000; i++) {
            run.redrive();
            assertEquals("States.ExceedToleratedFailureThreshold", run.error().orElseThrow());
        }
        assertEquals(1_000, run.mapRuns().get(0).redriveCount());
        run.redrive();
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.Runtime", run.error().orElseThrow());
        assertTrue(run.cause().orElseThrow().contains("the maximum of 1000"), run.cause().orElseThrow());
    }

    @Test
    void shouldNotRerunSucceededChildrenAfterARestoreFromTheStore() {
        ExecutionStore store = ExecutionStore.inMemory();
        List<java.util.concurrent.CompletableFuture<JsonNode>> pending = new ArrayList<>();
        States first = builder().store(store).asyncHandler("Later", in -> {
            java.util.concurrent.CompletableFuture<JsonNode> f = new java.util.concurrent.CompletableFuture<>();
            pending.add(f);
            return f;
        }).build();
        String def = json("{'StartAt':'M','States':{'M':{'Type':'Map','Next':'Done',"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'A','States':{'A':{'Type':'Task','Resource':'" + ITEM + "','Next':'B'},"
                + "'B':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Later',"
                + "'End':true}}}},'Done':{'Type':'Pass','End':true}}}");
        StateMachine m = first.define("durable", def);
        Execution run = first.start(m, "crash", "[1,2,3]");
        // child 1 finishes, children 2 and 3 wait in B when the JVM "crashes"
        pending.get(0).complete(Json.MAPPER.getNodeFactory().numberNode(100));
        assertEquals(ExecutionStatus.RUNNING, run.status());
        String mapRunArn = run.mapRuns().get(0).arn();
        List<String> childArns = run.mapRuns().get(0).executions().stream().map(Execution::arn).toList();
        assertEquals(1, calls(1));
        assertEquals(3, calls(1) + calls(2) + calls(3));

        States second = builder().store(store).handler("Later", in -> Json.MAPPER.getNodeFactory()
                .numberNode(in.asInt() + 1000)).build();
        Execution restored = second.execution(run.arn()).orElseThrow();
        assertEquals(ExecutionStatus.SUCCEEDED, restored.status(), () -> restored.error() + " "
                + restored.cause());
        // A ran once per child: the succeeded child is not re-run, the waiting ones continue at B
        assertEquals(1, calls(1));
        assertEquals(1, calls(2));
        assertEquals(1, calls(3));
        assertEquals("[100,1020,1030]", Json.write(restored.output().orElseThrow()));
        MapRun mapRun = restored.mapRuns().get(0);
        assertEquals(mapRunArn, mapRun.arn());
        assertEquals(childArns, mapRun.executions().stream().map(Execution::arn).toList());
        Execution child = second.execution(childArns.get(0)).orElseThrow();
        assertEquals(mapRunArn, child.mapRunArn().orElseThrow());
        assertEquals(errors, List.of());
    }

    @Test
    void shouldRedriveTheMapRunAfterARestoreWithoutRerunningSucceededChildren() {
        ExecutionStore store = ExecutionStore.inMemory();
        failing.add(3);
        States first = builder().store(store).build();
        StateMachine m = first.define("again", machine("STANDARD", ""));
        Execution run = first.start(m, "[1,2,3]");
        assertEquals(ExecutionStatus.FAILED, run.status());
        String failedChild = run.mapRuns().get(0).executions().get(2).arn();

        failing.clear();
        States second = builder().store(store).build();
        Execution restored = second.execution(run.arn()).orElseThrow();
        assertEquals(ExecutionStatus.FAILED, restored.status());
        restored.redrive();
        assertEquals(ExecutionStatus.SUCCEEDED, restored.status(), () -> restored.error() + " "
                + restored.cause());
        assertEquals("[10,20,30]", Json.write(restored.output().orElseThrow()));
        assertEquals(1, calls(1));
        assertEquals(1, calls(2));
        assertEquals(2, calls(3));
        Execution child = second.execution(failedChild).orElseThrow();
        assertEquals(1, child.redriveCount());
        assertEquals(ExecutionStatus.SUCCEEDED, child.status());
    }

    @Test
    void shouldResumeANewExecutionInsideTheProcessorOfADistributedMap() {
        boolean[] fixed = {false};
        AtomicInteger flaky = new AtomicInteger();
        States states = builder().handler("Flaky", in -> {
            flaky.incrementAndGet();
            if (!fixed[0] && in.asInt() == 20) {
                throw new StatesException("Flaky.Failed", "not yet");
            }
            return in;
        }).build();
        StateMachine m = states.define("resumable", json("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},"
                + "'StartAt':'A','States':{'A':{'Type':'Task','Resource':'" + ITEM + "','Next':'B'},"
                + "'B':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:111111111111:function:Flaky',"
                + "'End':true}}}}}}"));
        Execution earlier = states.start(m, "[1,2,3]");
        assertEquals(ExecutionStatus.FAILED, earlier.status());
        int aCalls = calls(1) + calls(2) + calls(3);

        fixed[0] = true;
        flaky.set(0);
        Execution resumed = states.resume(earlier, "B", null);
        assertEquals(ExecutionStatus.SUCCEEDED, resumed.status(), () -> resumed.error() + " " + resumed.cause());
        assertEquals("[10,20,30]", Json.write(resumed.output().orElseThrow()));
        // A is not called again; B runs again only where it had not succeeded
        assertEquals(aCalls, calls(1) + calls(2) + calls(3));
        // items 1 and 3 succeeded before item 2's failure reached the Map Run: only item 2 runs B again
        assertEquals(1, flaky.get());
        List<Execution> children = resumed.mapRuns().get(0).executions();
        Execution second = children.stream().filter(c -> Json.write(c.input()).equals("2")).findFirst()
                .orElseThrow();
        assertEquals("TaskStateEntered", types(second).get(1));
        assertEquals("B", second.history().get(1).details().get("name").asText());
    }

    @Test
    void shouldFailAPassStateWhoseOutputExceedsThePayloadLimit() {
        States states = builder().build();
        String big = "x".repeat(140_000);
        StateMachine m = states.define("big", json("{'StartAt':'P','States':{'P':{'Type':'Pass',"
                + "'Parameters':{'a.$':'$.s','b.$':'$.s'},'End':true}}}"));
        Execution run = states.start(m, "{\"s\":\"" + big + "\"}");
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("States.DataLimitExceeded", run.error().orElseThrow());
        assertEquals("The state/task 'P' returned a result with a size exceeding the maximum number of bytes "
                + "service limit.", run.cause().orElseThrow());
        assertEquals(List.of("ExecutionStarted", "PassStateEntered", "ExecutionFailed"), types(run));
        assertFalse(types(run).contains("PassStateExited"));
    }

    @Test
    void shouldNotLoopWhenACatcherOutputIsStillOverTheLimit() {
        States states = builder().handler("Big", in -> Json.MAPPER.getNodeFactory().textNode("y".repeat(200_000)))
                .build();
        StateMachine m = states.define("caught", json("{'StartAt':'T','States':{'T':{'Type':'Task',"
                + "'Resource':'arn:aws:lambda:us-east-1:111111111111:function:Big','ResultPath':'$.r',"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.error','Next':'Handled'}],'End':true},"
                + "'Handled':{'Type':'Pass','End':true}}}"));
        String input = "{\"s\":\"" + "x".repeat(100_000) + "\"}";
        Execution run = states.start(m, input);
        // the merged output is over the limit and is caught; the catcher's output (input + error) is not
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + " " + run.cause());
        assertEquals("States.DataLimitExceeded", run.output().orElseThrow().at("/error/Error").asText());
        assertNotEquals(null, run.output().orElseThrow().get("s"));
    }

    private static JsonNode object(final States states, final String bucket, final String key) {
        try {
            return Json.parse(states.object(bucket, key).orElseThrow(() -> new AssertionError("no object "
                    + bucket + "/" + key)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
