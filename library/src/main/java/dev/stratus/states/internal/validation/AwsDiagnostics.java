package dev.stratus.states.internal.validation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.Finding;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/** Renders findings as AWS Step Functions reports them on CreateStateMachine and ValidateStateMachineDefinition. */
public final class AwsDiagnostics {
    private AwsDiagnostics() {
    }

    /**
     * The message of CreateStateMachine's {@code InvalidDefinition} error for these findings:
     * {@code Invalid State Machine Definition: 'CODE: message at /path, CODE: ...'}; a Map Run label error alone
     * takes AWS's {@code Error=ValueError Args=[...] in definition '<text>'.} form, which quotes the submitted text.
     *
     * @throws IllegalArgumentException if no finding is an error
     * @throws NullPointerException if an argument is null
     */
    public static String createStateMachineMessage(final List<Finding> findings, final String definition) {
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(definition, "definition");
        StringJoiner schema = new StringJoiner(", ", "Invalid State Machine Definition: '", "'");
        Finding label = null;
        int count = 0;
        for (Finding finding : findings) {
            if (!finding.isError()) {
                continue;
            }
            if (finding.code().equals(DefinitionValidator.INVALID_LABEL)) {
                label = label == null ? finding : label;
            } else {
                schema.add(finding.toString());
                count++;
            }
        }
        if (count > 0) {
            return schema.toString();
        }
        if (label != null) {
            return "Error=ValueError Args=[" + PythonRepr.of(label.message()) + "] in definition '" + definition
                    + "'.";
        }
        throw new IllegalArgumentException("findings hold no error: findings=" + findings);
    }

    /**
     * ValidateStateMachineDefinition's response: {@code {"result": "OK"|"FAIL", "diagnostics": [{severity, code,
     * message, location}], "truncated": false}}, the result {@code FAIL} when any finding is an error.
     *
     * @throws NullPointerException if {@code findings} is null
     */
    public static ObjectNode validateResponse(final List<Finding> findings) {
        Objects.requireNonNull(findings, "findings");
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("result", findings.stream().anyMatch(Finding::isError) ? "FAIL" : "OK");
        ArrayNode diagnostics = response.putArray("diagnostics");
        for (Finding finding : findings) {
            ObjectNode diagnostic = diagnostics.addObject();
            diagnostic.put("severity", finding.severity().name());
            diagnostic.put("code", finding.code());
            diagnostic.put("message", finding.message());
            if (finding.location() != null) {
                diagnostic.put("location", finding.location());
            }
        }
        response.put("truncated", false);
        return response;
    }
}
