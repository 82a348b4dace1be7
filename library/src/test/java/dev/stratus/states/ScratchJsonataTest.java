package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScratchJsonataTest {
    @Test
    void run() throws Exception {
        String id = System.getProperty("caseId");
        for (String line : Files.readAllLines(Path.of("/work/shared/conformance/asl/cases.jsonl"))) {
            JsonNode c = Json.parse(line);
            if (c.get("id").asText().contains(id)) {
                dev.stratus.core.ManualClock clock = dev.stratus.core.ManualClock.at(AslConformanceTest.DEFAULT_START);
                States.Builder b = States.builder().clock(clock);
                AslConformanceTest.registerLambdas(b, c.path("lambdaFunctions"), clock);
                States states = b.build();
                StateMachine m = states.define("m", Json.write(c.get("definition")), StateMachineType.STANDARD);
                Execution e = states.start(m, "e", Json.write(c.get("input")));
                AslConformanceTest.drive(clock, e);
                for (HistoryEvent ev : e.history()) {
                    System.out.println(ev.type() + " " + ev.details());
                }
            }
        }
    }
}
