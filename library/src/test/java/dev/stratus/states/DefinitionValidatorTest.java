package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.validation.AwsDiagnostics;
import dev.stratus.states.internal.validation.DefinitionValidator;
import dev.stratus.states.internal.validation.MachineType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionValidatorTest {

    private static List<String> findings(final String definition) {
        return findings(definition, MachineType.STANDARD);
    }

    private static List<String> findings(final String definition, final MachineType type) {
        return DefinitionValidator.validate(definition.replace('\'', '"'), type).stream()
                .map(Finding::toString).toList();
    }

    private static String machine(final String states) {
        return "{'StartAt':'A','States':{" + states + "}}";
    }

    @Test
    void shouldAcceptAMinimalMachine() {
        assertEquals(List.of(), findings(machine("'A':{'Type':'Pass','End':true}")));
    }

    @Test
    void shouldRejectAssigningAnOuterVariableInsideABranchOrIteration() {
        String inner = "'Assign':{'total':0},'End':true";
        String definition = "{'QueryLanguage':'JSONata','StartAt':'A','States':{"
                + "'A':{'Type':'Pass','Assign':{'total':1,'seen':2},'Next':'P'},"
                + "'P':{'Type':'Parallel','Next':'M','Branches':[{'StartAt':'B','States':{'B':{'Type':'Pass',"
                + inner + "}}}]},"
                + "'M':{'Type':'Map','End':true,'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Pass',"
                + "'Assign':{'own':1},'Next':'J'},'J':{'Type':'Pass','Assign':{'own':2,'seen':3},'End':true}}}}}}";
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The variable 'total' is assigned in an enclosing scope: a "
                + "Parallel branch or Map iteration can read it but not assign it at /States/P/Branches/0/States/B"
                + "/Assign/total", "SCHEMA_VALIDATION_FAILED: The variable 'seen' is assigned in an enclosing scope: "
                + "a Parallel branch or Map iteration can read it but not assign it at /States/M/ItemProcessor/States"
                + "/J/Assign/seen"), findings(definition));
        assertEquals(List.of(), findings(definition.replace("'total':0", "'branchTotal':0")
                .replace("'seen':3", "'mine':3")));
    }

    @Test
    void shouldListMissingRootFieldsTogether() {
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: These fields are required: [States, StartAt] at /"),
                findings("{}"));
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /"),
                findings("{'StartAt':'A'}"));
    }

    @Test
    void shouldRejectTextThatIsNotAJsonObject() {
        List<Finding> blank = DefinitionValidator.validate(" ", MachineType.STANDARD);
        assertEquals(List.of(new Finding(null, "Definition must be a valid JSON object", "SCHEMA_VALIDATION_FAILED",
                Finding.Severity.ERROR, null)), blank);
        assertEquals("Definition must be a valid JSON object",
                DefinitionValidator.validate("[1]", MachineType.STANDARD).get(0).message());
    }

    @Test
    void shouldReportMalformedJsonAsAwsDoes() {
        Finding finding = DefinitionValidator.validate("not a definition", MachineType.STANDARD).get(0);
        assertEquals("INVALID_JSON_DESCRIPTION", finding.code());
        assertEquals("[Source: (String)\"not a definition\"; line: 1, column: 4]", finding.location());
        assertEquals("Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null',"
                + " 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]",
                finding.message());
    }

    @Test
    void shouldShowTheSourceInNestedParserLocations() {
        assertEquals("Unexpected end-of-input: expected close marker for Object (start marker at"
                + " [Source: (String)\"{\"; line: 1, column: 1])\n at [Source: (String)\"{\"; line: 1, column: 2]",
                DefinitionValidator.validate("{", MachineType.STANDARD).get(0).message());
        String longText = "{\"a\":" + "1".repeat(600);
        assertEquals("[Source: (String)\"" + longText.substring(0, 500) + "\"[truncated 105 chars]; line: 1,"
                + " column: 606]", DefinitionValidator.validate(longText, MachineType.STANDARD).get(0).location());
    }

    @Test
    void shouldReportEveryFindingAtOnce() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: The field 'Bogus' is not supported by Step Functions at /States/A",
                "SCHEMA_VALIDATION_FAILED: These fields are required: [Resource] at /States/A",
                "SCHEMA_VALIDATION_FAILED: These fields are required: [Type] at /States/B",
                "MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next",
                "UNREACHABLE_STATE: State \"B\" is not reachable. at /States/B"),
                findings(machine("'A':{'Type':'Task','Bogus':1,'Next':'Nowhere'},'B':{}")));
    }

    @Test
    void shouldJoinEveryErrorIntoOneCreateStateMachineMessage() {
        String text = "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"C\":{\"Type\":"
                + "\"Succeed\"}}}";
        assertEquals("Invalid State Machine Definition: 'MISSING_TRANSITION_TARGET: Missing 'Next' target: B"
                + " at /States/A/Next, UNREACHABLE_STATE: State \"C\" is not reachable. at /States/C'",
                AwsDiagnostics.createStateMachineMessage(DefinitionValidator.validate(text, MachineType.STANDARD),
                        text));
    }

    @Test
    void shouldRejectAnUnknownTypeWithAwsWording() {
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The field 'Type' should have one of these values: "
                + "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map] at /States/A/Type"),
                findings(machine("'A':{'Type':'TypeThatDoesNotExist','End':true}")));
    }

    @Test
    void shouldRequireExactlyOneOfNextAndEnd() {
        String both = "SCHEMA_VALIDATION_FAILED: Exactly one of these fields is required: [Next, End] at /States/A";
        assertEquals(List.of(both), findings(machine("'A':{'Type':'Pass'}")));
        assertEquals(List.of(both), findings(machine("'A':{'Type':'Pass','End':false}")));
        assertEquals(List.of(both), findings(machine("'A':{'Type':'Pass','End':true,'Next':'A'}")));
    }

    @Test
    void shouldRejectAMissingStartState() {
        assertEquals(List.of("MISSING_TRANSITION_TARGET: Missing 'StartAt' target: X at /StartAt"),
                findings("{'StartAt':'X','States':{'A':{'Type':'Succeed'}}}"));
    }

    @Test
    void shouldRejectDuplicateNamesAcrossNestedMachines() {
        assertEquals(List.of("DUPLICATE_STATE_NAME: Duplicate State name: A at /States/P/Branches/0/States/A"),
                findings("{'StartAt':'P','States':{'P':{'Type':'Parallel','Next':'A','Branches':["
                        + "{'StartAt':'A','States':{'A':{'Type':'Succeed'}}}]},'A':{'Type':'Succeed'}}}"));
    }

    @Test
    void shouldRejectLongStateNames() {
        String name = "S".repeat(81);
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: State name '" + name
                + "' exceeds the maximum length of 80 characters at /States/" + name),
                findings("{'StartAt':'" + name + "','States':{'" + name + "':{'Type':'Succeed'}}}"));
    }

    @Test
    void shouldRejectAnEmptyParallelAsAwsDoes() {
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/A/Branches"),
                findings(machine("'A':{'Type':'Parallel','Branches':[],'End':true}")));
    }

    @Test
    void shouldCheckPathsAndIntrinsics() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath"
                        + " at /States/A/InputPath",
                "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid ReferencePath"
                        + " at /States/A/ResultPath",
                "SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid"
                        + " intrinsic function call at /States/A/Parameters/n/x.$",
                "SCHEMA_VALIDATION_FAILED: The value for the field 'y.$' must be a valid JSONPath or a valid"
                        + " intrinsic function call at /States/A/Parameters/y.$"),
                findings(machine("'A':{'Type':'Pass','End':true,'InputPath':'a.b','ResultPath':'$.a[*]',"
                        + "'Parameters':{'ok.$':'States.MathAdd($.a, -1)','n':{'x.$':'States.Nope(1)'},"
                        + "'y.$':'States.Array(1,'}}")));
        assertEquals(List.of(), findings(machine("'A':{'Type':'Pass','End':true,'InputPath':'$.a[?(@.b > 1)]',"
                + "'ResultPath':null,'Parameters':{'a.$':'$$.Execution.Id','b.$':'$x.y',"
                + "'c.$':'States.ArrayGetItem(States.Array(1, 2), 0)','d.$':'$.k[0]'}}")));
        assertEquals(List.of(), DefinitionValidator.validate("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":"
                + "\"Pass\",\"End\":true,\"Parameters\":{\"f.$\":\"States.Format('{} \\\\'x\\\\'', $['k'])\"}}}}",
                MachineType.STANDARD));
    }

    @Test
    void shouldCheckChoiceRules() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/C/Choices/0",
                "SCHEMA_VALIDATION_FAILED: The value for the field 'NumericEquals' must be a NUMBER"
                        + " at /States/C/Choices/1/NumericEquals",
                "SCHEMA_VALIDATION_FAILED: The field 'Next' is not supported by Step Functions"
                        + " at /States/C/Choices/2/Not",
                "SCHEMA_VALIDATION_FAILED: A Choice Rule must have exactly one comparison operator or one of"
                        + " [And, Or, Not] at /States/C/Choices/3"),
                findings("{'StartAt':'C','States':{'C':{'Type':'Choice','Default':'D','Choices':["
                        + "{'Variable':'$.a','IsPresent':true},"
                        + "{'Variable':'$.a','NumericEquals':'1','Next':'D'},"
                        + "{'Not':{'Variable':'$.a','IsNull':true,'Next':'D'},'Next':'D'},"
                        + "{'Variable':'$.a','Next':'D'}]},'D':{'Type':'Succeed'}}}"));
    }

    @Test
    void shouldCheckRetriersAndCatchers() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in 'ErrorEquals'"
                        + " at /States/A/Retry/0/ErrorEquals",
                "SCHEMA_VALIDATION_FAILED: States.ALL must appear only in the last retrier"
                        + " at /States/A/Retry/0/ErrorEquals",
                "SCHEMA_VALIDATION_FAILED: The value for the field 'BackoffRate' must be a NUMBER of at least 1.0"
                        + " at /States/A/Retry/1/BackoffRate",
                "SCHEMA_VALIDATION_FAILED: The field 'JitterStrategy' should have one of these values: [FULL, NONE]"
                        + " at /States/A/Retry/1/JitterStrategy",
                "SCHEMA_VALIDATION_FAILED: These fields are required: [Next] at /States/A/Catch/0"),
                findings(machine("'A':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:1:function:f','End':true,"
                        + "'Retry':[{'ErrorEquals':['States.ALL','X']},"
                        + "{'ErrorEquals':['Y'],'BackoffRate':0.5,'JitterStrategy':'SOME'}],"
                        + "'Catch':[{'ErrorEquals':['States.ALL']}]}")));
    }

    @Test
    void shouldApplyQueryLanguageFieldSets() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: The field 'Parameters' is not supported by Step Functions at /States/A"),
                findings("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','End':true,"
                        + "'Parameters':{},'Output':'{% $states.input %}'}}}"));
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole"
                        + " state machine at /States/A"),
                findings("{'QueryLanguage':'JSONata','StartAt':'A','States':{'A':{'Type':'Pass','End':true,"
                        + "'QueryLanguage':'JSONPath'}}}"));
    }

    @Test
    void shouldRejectCallbackAndSyncIntegrationsInExpressOnly() {
        String definition = machine("'A':{'Type':'Task','Resource':'arn:aws:states:::sqs:sendMessage"
                + ".waitForTaskToken','Next':'B'},'B':{'Type':'Task','Resource':'arn:aws:states:::states:"
                + "startExecution.sync:2','End':true}");
        assertEquals(List.of(), findings(definition));
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service"
                        + " integration  at /States/A/Resource",
                "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.sync' service integration"
                        + " at /States/B/Resource"),
                findings(definition, MachineType.EXPRESS));
    }

    @Test
    void shouldRequireCredentialsRoleArn() {
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing"
                + " at /States/A/Credentials"),
                findings(machine("'A':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true,"
                        + "'Credentials':{'Other':'x'}}")));
    }

    @Test
    void shouldCheckMapLabelsWithAwsValueErrorMessage() {
        String text = "{\"StartAt\": \"M\", \"States\": {\"M\": {\"Type\": \"Map\", \"Label\": \"a b\", \"End\": true,"
                + " \"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\","
                + " \"ExecutionType\": \"EXPRESS\"},"
                + " \"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}}}}";
        List<Finding> found = DefinitionValidator.validate(text, MachineType.STANDARD);
        assertEquals(List.of(Finding.error(DefinitionValidator.INVALID_LABEL, "/States/M/Label",
                "Label contains invalid character: ' '")), found);
        assertEquals("Error=ValueError Args=[\"Label contains invalid character: ' '\"] in definition '" + text
                + "'.", AwsDiagnostics.createStateMachineMessage(found, text));
        assertEquals("Label cannot exceed 40 characters", DefinitionValidator.validate(
                text.replace("a b", "x".repeat(41)), MachineType.STANDARD).get(0).message());
        assertEquals("Label contains invalid character: '\\x85'", DefinitionValidator.validate(
                text.replace("a b", "a\u0085"), MachineType.STANDARD).get(0).message());
    }

    @Test
    void shouldRenderTheValidateResponse() throws Exception {
        ObjectNode response = AwsDiagnostics.validateResponse(
                DefinitionValidator.validate("{\"States\":{\"A\":{\"Type\":\"Succeed\"}}}",
                        MachineType.STANDARD));
        assertEquals(Json.parse("{\"result\":\"FAIL\",\"diagnostics\":[{\"severity\":\"ERROR\","
                + "\"code\":\"SCHEMA_VALIDATION_FAILED\",\"message\":\"These fields are required: [StartAt]\","
                + "\"location\":\"/\"}],\"truncated\":false}"), response);
        assertEquals("OK", AwsDiagnostics.validateResponse(List.of()).get("result").asText());
    }

    @Test
    void shouldThrowAwsMessageFromRequireValid() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> DefinitionValidator.requireValid("{\"StartAt\":\"A\"}", MachineType.STANDARD));
        assertEquals("InvalidDefinition", e.code());
        assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required:"
                + " [States] at /'", e.getMessage());
        assertEquals(1, e.findings().size());
        JsonNode parsed = DefinitionValidator.requireValid(machine("'A':{'Type':'Succeed'}").replace('\'', '"'),
                MachineType.STANDARD);
        assertEquals("A", parsed.get("StartAt").asText());
    }

    @Test
    void shouldNameTheParameterOnMisuse() {
        NullPointerException text = assertThrows(NullPointerException.class,
                () -> DefinitionValidator.validate((String) null, MachineType.STANDARD));
        assertEquals("definition", text.getMessage());
        NullPointerException type = assertThrows(NullPointerException.class,
                () -> DefinitionValidator.validate("{}", null));
        assertEquals("machineType", type.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> AwsDiagnostics.createStateMachineMessage(List.of(), "{}"));
        assertEquals("findings hold no error: findings=[]", none.getMessage());
    }

    @Test
    void shouldCheckWaitFailAndTaskFields() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: Exactly one of these fields is required: [Seconds, Timestamp, SecondsPath,"
                        + " TimestampPath] at /States/A",
                "SCHEMA_VALIDATION_FAILED: The value for the field 'Timestamp' must be a valid ISO-8601 timestamp"
                        + " at /States/A/Timestamp",
                "SCHEMA_VALIDATION_FAILED: These fields are mutually exclusive: [Error, ErrorPath] at /States/B",
                "SCHEMA_VALIDATION_FAILED: The value for the field 'TimeoutSeconds' must be an INTEGER between 1"
                        + " and 99999999 at /States/C/TimeoutSeconds",
                "SCHEMA_VALIDATION_FAILED: The value for the field 'HeartbeatSeconds' must be smaller than the field"
                        + " 'TimeoutSeconds' at /States/D/HeartbeatSeconds"),
                findings(machine("'A':{'Type':'Wait','Seconds':1,'Timestamp':'2024-01-01 00:00:00','Next':'C'},"
                        + "'B':{'Type':'Fail','Error':'E','ErrorPath':'$.e'},"
                        + "'C':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','TimeoutSeconds':0,"
                        + "'Next':'D'},"
                        + "'D':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','TimeoutSeconds':5,"
                        + "'HeartbeatSeconds':5,'Next':'B'}")));
    }

    @Test
    void shouldCheckMapProcessorsAndDistributedFields() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: These fields are required: [ItemProcessor] at /States/A",
                "SCHEMA_VALIDATION_FAILED: These fields are required: [ExecutionType]"
                        + " at /States/B/ItemProcessor/ProcessorConfig",
                "SCHEMA_VALIDATION_FAILED: The field 'Mode' should have one of these values: [INLINE, DISTRIBUTED]"
                        + " at /States/C/ItemProcessor/ProcessorConfig/Mode",
                "SCHEMA_VALIDATION_FAILED: The field 'ItemReader' is only supported in DISTRIBUTED mode"
                        + " at /States/C/ItemReader"),
                findings(machine("'A':{'Type':'Map','Next':'B'},"
                        + "'B':{'Type':'Map','Next':'C','ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED'},"
                        + "'StartAt':'B1','States':{'B1':{'Type':'Succeed'}}}},"
                        + "'C':{'Type':'Map','End':true,'ItemReader':{'Resource':'arn:aws:states:::s3:getObject'},"
                        + "'ItemProcessor':{'ProcessorConfig':{'Mode':'SERIAL'},'StartAt':'C1',"
                        + "'States':{'C1':{'Type':'Succeed'}}}}")));
    }

    @Test
    void shouldCheckDistributedMapReaderBatcherAndWriter() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: The field 'InputType' should have one of these values:"
                        + " [CSV, JSON, JSONL, MANIFEST, PARQUET] at /States/M/ItemReader/ReaderConfig/InputType",
                "SCHEMA_VALIDATION_FAILED: The field 'Transformation' should have one of these values:"
                        + " [NONE, COMPACT, FLATTEN] at /States/M/ResultWriter/WriterConfig/Transformation",
                "SCHEMA_VALIDATION_FAILED: At least one of these fields is required: [MaxItemsPerBatch,"
                        + " MaxItemsPerBatchPath, MaxInputBytesPerBatch, MaxInputBytesPerBatchPath]"
                        + " at /States/M/ItemBatcher"),
                findings("{'StartAt':'M','States':{'M':{'Type':'Map','End':true,"
                        + "'ItemReader':{'Resource':'arn:aws:states:::s3:getObject',"
                        + "'ReaderConfig':{'InputType':'XML'}},"
                        + "'ResultWriter':{'WriterConfig':{'OutputType':'JSON','Transformation':'ZIP'}},"
                        + "'ItemBatcher':{'BatchInput':{'a':1}},"
                        + "'ItemProcessor':{'ProcessorConfig':{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'},"
                        + "'StartAt':'P','States':{'P':{'Type':'Succeed'}}}}}}"));
    }

    @Test
    void shouldCheckVariableNamesAndResultPathTargets() {
        assertEquals(List.of(
                "SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid ReferencePath"
                        + " at /States/A/ResultPath",
                "SCHEMA_VALIDATION_FAILED: The variable name '1x' is not valid at /States/A/Assign/1x.$",
                "SCHEMA_VALIDATION_FAILED: The variable name 'states' is not valid at /States/A/Assign/states"),
                findings(machine("'A':{'Type':'Pass','End':true,'ResultPath':'$$.Execution',"
                        + "'Assign':{'ok.$':'$.a','1x.$':'$.b','states':1}}")));
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: The value for the field 'ResultPath' must be a valid"
                + " ReferencePath at /States/A/ResultPath"),
                findings(machine("'A':{'Type':'Pass','End':true,'ResultPath':'$var.x'}")));
        assertEquals(List.of("SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States"),
                findings("{'StartAt':'A','States':{}}"));
    }

    @Test
    void shouldValidateALoneStateAsTestStateDoes() throws Exception {
        assertEquals(List.of(), DefinitionValidator.validateState(
                Json.parse("{\"Type\":\"Pass\",\"Next\":\"Elsewhere\"}"), MachineType.STANDARD));
        assertEquals(List.of(Finding.error("SCHEMA_VALIDATION_FAILED", "/States/StateName/Branches",
                "Value cannot be empty")), DefinitionValidator.validateState(
                Json.parse("{\"Type\":\"Parallel\",\"Branches\":[],\"End\":true}"), MachineType.STANDARD));
    }

    @Test
    void shouldSurviveDeeplyNestedDefinitionsOnASmallStack() throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(null, () -> {
            try {
                shouldSurviveDeeplyNestedDefinitionsWithoutStackOverflow();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 512 * 1024);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new AssertionError("failed on a 512 KiB stack", failure[0]);
        }
    }

    @Test
    void shouldSurviveDeeplyNestedDefinitionsWithoutStackOverflow() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode machine = root;
        for (int i = 0; i < 10_000; i++) {
            ObjectNode state = machine.put("StartAt", "P" + i).putObject("States").putObject("P" + i);
            state.put("Type", "Parallel").put("End", true);
            machine = state.putArray("Branches").addObject();
        }
        machine.put("StartAt", "Z").putObject("States").putObject("Z").put("Type", "Succeed");
        List<Finding> found = DefinitionValidator.validate(root, MachineType.STANDARD);
        assertEquals(1, found.size());
        assertTrue(found.get(0).message().startsWith("The definition is nested deeper than 1000 levels"),
                found.get(0).message());

        ObjectNode choiceMachine = Json.MAPPER.createObjectNode().put("StartAt", "C");
        ObjectNode rule = choiceMachine.putObject("States").putObject("C").put("Type", "Choice")
                .putArray("Choices").addObject().put("Next", "C");
        for (int i = 0; i < 10_000; i++) {
            rule = rule.putObject("Not");
        }
        rule.put("Variable", "$.a").put("IsNull", true);
        List<Finding> deepRule = DefinitionValidator.validate(choiceMachine, MachineType.STANDARD);
        assertEquals(1, deepRule.size());
        assertTrue(deepRule.get(0).message().startsWith("The definition is nested deeper than 1000 levels"));
        String tooDeepText = "[".repeat(10_000) + "]".repeat(10_000);
        assertEquals("INVALID_JSON_DESCRIPTION",
                DefinitionValidator.validate(tooDeepText, MachineType.STANDARD).get(0).code());
    }
}
