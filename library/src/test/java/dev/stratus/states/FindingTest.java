package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void shouldRenderAsAwsDoesInsideCreateStateMachineMessages() {
        Finding finding = Finding.error("MISSING_TRANSITION_TARGET", "/States/Charge/Next",
                "Missing 'Next' target: Shipp");
        assertEquals("MISSING_TRANSITION_TARGET: Missing 'Next' target: Shipp at /States/Charge/Next",
                finding.toString());
        assertEquals("/States/Charge/Next", finding.location());
        assertTrue(finding.isError());
        Finding noLocation = new Finding(null, "Definition must be a valid JSON object", "SCHEMA_VALIDATION_FAILED",
                Finding.Severity.ERROR, null);
        assertEquals("SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object", noLocation.toString());
        assertFalse(new Finding("/", "m", "C", Finding.Severity.WARNING, "/").isError());
    }

    @Test
    void shouldRejectAPathThatIsNotAJsonPointerNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Finding.error("C", "States/A", "m"));
        assertEquals("path must be a JSON pointer starting with '/': path=States/A", e.getMessage());
        NullPointerException code = assertThrows(NullPointerException.class,
                () -> new Finding("/", "m", null, Finding.Severity.ERROR, "/"));
        assertEquals("code", code.getMessage());
    }

    @Test
    void shouldCopyFindingsIntoTheException() {
        List<Finding> findings = new ArrayList<>(List.of(Finding.error("C", "/", "m")));
        InvalidDefinitionException e = new InvalidDefinitionException("Invalid State Machine Definition: 'C: m at /'",
                findings);
        findings.clear();
        assertEquals(1, e.findings().size());
        assertEquals("InvalidDefinition", e.code());
    }
}
