package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.stratus.core.ManualClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatesDefineValidationTest {
    private final States states = States.builder().clock(ManualClock.atEpoch()).build();

    @Test
    void shouldRejectADefinitionAwsWouldRejectWithEveryFinding() {
        String definition = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"Missing\"},"
                + " \"B\": {\"Type\": \"Task\", \"Resource\": \"not-an-arn\", \"End\": true}}}";
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> states.define("bad", definition));
        assertEquals("InvalidDefinition", e.code());
        assertTrue(e.findings().size() >= 2, e.findings().toString());
        assertTrue(e.getMessage().startsWith("Invalid State Machine Definition: "), e.getMessage());
        assertTrue(states.stateMachine("bad").isEmpty());
    }

    @Test
    void shouldValidateLikeValidateStateMachineDefinition() {
        assertEquals(List.of(), states.validate("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}",
                StateMachineType.STANDARD));
        List<Finding> findings = states.validate("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Task\","
                + " \"Resource\": \"arn:aws:states:::sqs:sendMessage.waitForTaskToken\", \"End\": true}}}",
                StateMachineType.EXPRESS);
        assertEquals(1, findings.size(), findings.toString());
        assertEquals("type", assertThrows(NullPointerException.class, () -> states.validate("{}", null))
                .getMessage());
    }
}
