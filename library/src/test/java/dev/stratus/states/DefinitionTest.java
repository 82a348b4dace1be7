package dev.stratus.states;

import static dev.stratus.states.ChoiceRule.and;
import static dev.stratus.states.ChoiceRule.booleanEquals;
import static dev.stratus.states.ChoiceRule.condition;
import static dev.stratus.states.ChoiceRule.isPresent;
import static dev.stratus.states.ChoiceRule.not;
import static dev.stratus.states.ChoiceRule.numericGreaterThan;
import static dev.stratus.states.ChoiceRule.numericLessThanEqualsPath;
import static dev.stratus.states.ChoiceRule.or;
import static dev.stratus.states.ChoiceRule.stringMatches;
import static dev.stratus.states.ChoiceRule.timestampLessThan;
import static dev.stratus.states.State.catcher;
import static dev.stratus.states.State.choice;
import static dev.stratus.states.State.fail;
import static dev.stratus.states.State.itemBatcher;
import static dev.stratus.states.State.itemReader;
import static dev.stratus.states.State.map;
import static dev.stratus.states.State.parallel;
import static dev.stratus.states.State.pass;
import static dev.stratus.states.State.resultWriter;
import static dev.stratus.states.State.retrier;
import static dev.stratus.states.State.succeed;
import static dev.stratus.states.State.task;
import static dev.stratus.states.State.waitSeconds;
import static dev.stratus.states.State.waitSecondsPath;
import static dev.stratus.states.State.waitUntil;
import static dev.stratus.states.State.waitUntilPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.internal.Json;
import dev.stratus.states.Definition.QueryLanguage;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefinitionTest {
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:111111111111:function:";

    private static JsonNode json(final String singleQuoted) throws Exception {
        return Json.parse(singleQuoted.replace('\'', '"'));
    }

    @Test
    void shouldWriteEveryJsonPathStateTypeAsAwsJson() throws Exception {
        Definition definition = Definition.builder()
                .comment("all types")
                .version("1.0")
                .timeoutSeconds(300)
                .startAt("P")
                .state("P", pass().comment("c").inputPath("$.in").parameters("{'a.$':'$.x'}".replace('\'', '"'))
                        .result("{\"r\":1}").resultPath("$.res").outputPath(null).next("T"))
                .state("T", task(LAMBDA + "f").timeoutSeconds(30).heartbeatSecondsPath("$.hb")
                        .resultSelector("{\"v.$\":\"$.Payload\"}").resultPath(null)
                        .credentials("{\"RoleArn\":\"arn:aws:iam::111111111111:role/r\"}")
                        .retry(retrier("States.TaskFailed", "Busy").intervalSeconds(2).maxAttempts(3)
                                .backoffRate(1.5).maxDelaySeconds(10).jitterStrategy("FULL"))
                        .catchError(catcher("States.ALL").resultPath("$.err").next("F"))
                        .next("C"))
                .state("C", choice()
                        .when(and(isPresent("$.n", true), numericGreaterThan("$.n", 10)), "W1")
                        .when(or(not(booleanEquals("$.b", true)), stringMatches("$.s", "a*")).comment("x"), "W2")
                        .when(numericLessThanEqualsPath("$.n", "$.max"), "W3")
                        .otherwise("W4"))
                .state("W1", waitSeconds(5).next("W2"))
                .state("W2", waitSecondsPath("$.secs").next("W3"))
                .state("W3", waitUntil("2025-01-01T00:00:00Z").next("W4"))
                .state("W4", waitUntilPath("$.when").next("Par"))
                .state("Par", parallel(Definition.builder().startAt("B1").state("B1", succeed()))
                        .branch(Definition.builder().startAt("B2").state("B2", pass().end()))
                        .resultPath("$.branches").next("M"))
                .state("M", map().itemsPath("$.items").itemSelector("{\"i.$\":\"$$.Map.Item.Value\"}")
                        .maxConcurrency(2).toleratedFailurePercentage(10)
                        .itemProcessor(Definition.builder().startAt("I").state("I", pass().end()))
                        .processorConfig("INLINE", null)
                        .next("S"))
                .state("S", succeed().outputPath("$.out"))
                .state("F", fail().errorPath("$.err.Error").causePath("$.err.Cause"))
                .build();

        JsonNode expected = json("{'Comment':'all types','StartAt':'P','States':{"
                + "'P':{'Type':'Pass','Comment':'c','InputPath':'$.in','Parameters':{'a.$':'$.x'},'Result':{'r':1},"
                + "'ResultPath':'$.res','OutputPath':null,'Next':'T'},"
                + "'T':{'Type':'Task','Resource':'" + LAMBDA + "f','TimeoutSeconds':30,'HeartbeatSecondsPath':'$.hb',"
                + "'ResultSelector':{'v.$':'$.Payload'},'ResultPath':null,"
                + "'Credentials':{'RoleArn':'arn:aws:iam::111111111111:role/r'},"
                + "'Retry':[{'ErrorEquals':['States.TaskFailed','Busy'],'IntervalSeconds':2,'MaxAttempts':3,"
                + "'BackoffRate':1.5,'MaxDelaySeconds':10,'JitterStrategy':'FULL'}],"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'ResultPath':'$.err','Next':'F'}],'Next':'C'},"
                + "'C':{'Type':'Choice','Choices':["
                + "{'And':[{'Variable':'$.n','IsPresent':true},{'Variable':'$.n','NumericGreaterThan':10}],"
                + "'Next':'W1'},"
                + "{'Or':[{'Not':{'Variable':'$.b','BooleanEquals':true}},{'Variable':'$.s','StringMatches':'a*'}],"
                + "'Comment':'x','Next':'W2'},"
                + "{'Variable':'$.n','NumericLessThanEqualsPath':'$.max','Next':'W3'}],'Default':'W4'},"
                + "'W1':{'Type':'Wait','Seconds':5,'Next':'W2'},"
                + "'W2':{'Type':'Wait','SecondsPath':'$.secs','Next':'W3'},"
                + "'W3':{'Type':'Wait','Timestamp':'2025-01-01T00:00:00Z','Next':'W4'},"
                + "'W4':{'Type':'Wait','TimestampPath':'$.when','Next':'Par'},"
                + "'Par':{'Type':'Parallel','Branches':[{'StartAt':'B1','States':{'B1':{'Type':'Succeed'}}},"
                + "{'StartAt':'B2','States':{'B2':{'Type':'Pass','End':true}}}],'ResultPath':'$.branches',"
                + "'Next':'M'},"
                + "'M':{'Type':'Map','ItemsPath':'$.items','ItemSelector':{'i.$':'$$.Map.Item.Value'},"
                + "'MaxConcurrency':2,'ToleratedFailurePercentage':10.0,"
                + "'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Pass','End':true}},"
                + "'ProcessorConfig':{'Mode':'INLINE'}},'Next':'S'},"
                + "'S':{'Type':'Succeed','OutputPath':'$.out'},"
                + "'F':{'Type':'Fail','ErrorPath':'$.err.Error','CausePath':'$.err.Cause'}},"
                + "'Version':'1.0','TimeoutSeconds':300}");
        assertEquals(expected, definition.toJson());
        assertEquals(definition, Definition.parse(definition.toString()));
    }

    @Test
    void shouldWriteJsonataFieldsAndTakeExpressionsAsWritten() throws Exception {
        Definition definition = Definition.builder()
                .queryLanguage(QueryLanguage.JSONATA)
                .startAt("T")
                .state("T", task("arn:aws:states:::lambda:invoke")
                        .arguments("{\"FunctionName\":\"f\",\"Payload\":\"{% $states.input %}\"}")
                        .timeoutSeconds("{% $states.input.timeout %}")
                        .heartbeatSeconds(5)
                        .output("{% $states.result.Payload %}")
                        .assign("{\"attempt\":1}")
                        .catchError(catcher("States.ALL").output("{% $states.errorOutput %}")
                                .assign("{\"failed\":true}").next("Rescue"))
                        .next("C"))
                .state("C", choice()
                        .when(condition("{% $attempt > 3 %}").assign("{\"gaveUp\":true}").output("{}"), "Rescue")
                        .otherwise("M"))
                .state("M", map().items("{% [1, 2, 3] %}").itemSelector("{\"v\":\"{% $states.context.Map.Item"
                        + ".Value %}\"}").maxConcurrency("{% 1 + 1 %}").toleratedFailureCount(1)
                        .itemProcessor(Definition.builder().startAt("I").state("I", pass().output("{% 1 %}").end()))
                        .next("W"))
                .state("W", waitSeconds("{% 1 %}").end())
                .state("Rescue", fail().error("{% 'Gave' & 'Up' %}").cause("too many attempts"))
                .build();

        JsonNode t = definition.toJson().at("/States/T");
        assertEquals("{% $states.input %}", t.at("/Arguments/Payload").asText());
        assertEquals("{% $states.input.timeout %}", t.get("TimeoutSeconds").asText());
        assertEquals("{% $states.result.Payload %}", t.get("Output").asText());
        assertEquals(json("{'ErrorEquals':['States.ALL'],'Output':'{% $states.errorOutput %}',"
                + "'Assign':{'failed':true},'Next':'Rescue'}"), t.at("/Catch/0"));
        assertEquals(json("{'Condition':'{% $attempt > 3 %}','Assign':{'gaveUp':true},'Output':{},"
                + "'Next':'Rescue'}"), definition.toJson().at("/States/C/Choices/0"));
        assertEquals("{% [1, 2, 3] %}", definition.toJson().at("/States/M/Items").asText());
        assertEquals("JSONata", definition.toJson().get("QueryLanguage").asText());
    }

    @Test
    void shouldWriteDistributedMapParts() throws Exception {
        Definition definition = Definition.builder().startAt("M")
                .state("M", map()
                        .processorConfig("DISTRIBUTED", "EXPRESS")
                        .itemProcessor(Definition.builder().startAt("I").state("I", pass().end()))
                        .itemReader(itemReader("arn:aws:states:::s3:getObject")
                                .readerConfig("{\"InputType\":\"CSV\",\"CSVHeaderLocation\":\"FIRST_ROW\"}")
                                .parameters("{\"Bucket\":\"b\",\"Key\":\"k\"}"))
                        .itemBatcher(itemBatcher().maxItemsPerBatch(10).batchInput("{\"run\":1}"))
                        .resultWriter(resultWriter("arn:aws:states:::s3:putObject")
                                .parameters("{\"Bucket\":\"out\",\"Prefix\":\"p\"}"))
                        .toleratedFailureCountPath("$.tolerated")
                        .label("run")
                        .end())
                .build();
        JsonNode m = definition.toJson().at("/States/M");
        assertEquals(json("{'Mode':'DISTRIBUTED','ExecutionType':'EXPRESS'}"), m.at("/ItemProcessor/ProcessorConfig"));
        assertEquals(json("{'Resource':'arn:aws:states:::s3:getObject','ReaderConfig':{'InputType':'CSV',"
                + "'CSVHeaderLocation':'FIRST_ROW'},'Parameters':{'Bucket':'b','Key':'k'}}"), m.get("ItemReader"));
        assertEquals(json("{'MaxItemsPerBatch':10,'BatchInput':{'run':1}}"), m.get("ItemBatcher"));
        assertEquals(json("{'Resource':'arn:aws:states:::s3:putObject','Parameters':{'Bucket':'out','Prefix':'p'}}"),
                m.get("ResultWriter"));
    }

    @Test
    void shouldPutCommentStartAtAndStatesFirstAndTypeFirstInAState() {
        String text = Definition.builder()
                .version("1.0")
                .state("A", pass().end().comment("last"))
                .startAt("A")
                .comment("first")
                .build()
                .toString();
        assertEquals("{\"Comment\":\"first\",\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,"
                + "\"Comment\":\"last\"}},\"Version\":\"1.0\"}", text);
    }

    @Test
    void shouldWriteNumbersAsTheParserReadsThem() {
        JsonNode rules = Definition.builder().startAt("C")
                .state("C", choice()
                        .when(ChoiceRule.numericEquals("$.n", 5), "E")
                        .when(ChoiceRule.numericEquals("$.n", 5_000_000_000L), "E")
                        .when(ChoiceRule.numericEquals("$.n", 2.5), "E")
                        .when(ChoiceRule.numericEquals("$.n", new BigDecimal("0.10")), "E"))
                .state("E", succeed())
                .build().toJson().at("/States/C/Choices");
        assertEquals("[5,5000000000,2.5,0.10]", Json.write(Json.MAPPER.valueToTree(
                List.of(rules.at("/0/NumericEquals"), rules.at("/1/NumericEquals"), rules.at("/2/NumericEquals"),
                        rules.at("/3/NumericEquals")))));
        assertEquals(Definition.parse("{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":["
                + "{\"Variable\":\"$.n\",\"NumericEquals\":5,\"Next\":\"E\"}]},\"E\":{\"Type\":\"Succeed\"}}}"),
                Definition.builder().startAt("C").state("C", choice().when(ChoiceRule.numericEquals("$.n", 5), "E"))
                        .state("E", succeed()).build());
        assertEquals("JSON has no such number: value=NaN", assertThrows(IllegalArgumentException.class,
                () -> ChoiceRule.numericEquals("$.n", Double.NaN)).getMessage());
    }

    @Test
    void shouldSetAnyFieldThroughTheEscape() {
        JsonNode json = Definition.builder().startAt("T")
                .state("T", task(LAMBDA + "f").field("TimeoutSeconds", IntNode.valueOf(9)).field("ResultPath",
                        NullNode.getInstance()).end())
                .build().toJson();
        assertEquals(9, json.at("/States/T/TimeoutSeconds").intValue());
        assertTrue(json.at("/States/T/ResultPath").isNull());
        assertEquals("{\"X\":1}", ChoiceRule.of(Json.MAPPER.createObjectNode().put("X", 1)).toString());
    }

    @Test
    void shouldReplaceTheStatesWhenTheEscapeSetsThem() throws Exception {
        Definition definition = Definition.builder().startAt("B").state("A", succeed())
                .field("States", json("{'B':{'Type':'Succeed'}}"))
                .build();
        assertEquals(json("{'StartAt':'B','States':{'B':{'Type':'Succeed'}}}"), definition.toJson());
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> Definition.builder().startAt("A").field("States", json("[]")).build());
        assertEquals("SCHEMA_VALIDATION_FAILED", e.findings().get(0).code());
    }

    @Test
    void shouldRejectMissingStartAtWithAwsMessageAndPath() {
        Definition.Builder builder = Definition.builder().state("A", succeed());
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, builder::build);
        assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required:"
                + " [StartAt] at /'", e.getMessage());
        assertEquals(List.of(Finding.error("SCHEMA_VALIDATION_FAILED", "/", "These fields are required: [StartAt]")),
                e.findings());
    }

    @Test
    void shouldRejectAnEmptyBuilderNamingBothFields() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> Definition.builder().build());
        assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required:"
                + " [States, StartAt] at /'", e.getMessage());
    }

    @Test
    void shouldRejectAnUnknownTargetAndAnUnreachableState() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> Definition.builder().startAt("A").state("A", pass().next("Shipp")).state("B", succeed()).build());
        assertEquals(List.of("MISSING_TRANSITION_TARGET: Missing 'Next' target: Shipp at /States/A/Next",
                "UNREACHABLE_STATE: State \"B\" is not reachable. at /States/B"),
                e.findings().stream().map(Finding::toString).toList());
    }

    @Test
    void shouldRejectAStateNameUsedTwiceAcrossBranches() {
        Definition.Builder builder = Definition.builder().startAt("Par")
                .state("Par", parallel(Definition.builder().startAt("Par").state("Par", succeed())).end());
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, builder::build);
        assertEquals("Invalid State Machine Definition: 'DUPLICATE_STATE_NAME: Duplicate State name: Par at"
                + " /States/Par/Branches/0/States/Par'", e.getMessage());
    }

    @Test
    void shouldGiveTheSameFindingsAsParsingTheJson() {
        Definition.Builder builder = Definition.builder().startAt("T")
                .state("T", task("not-an-arn").retry(retrier("States.ALL").backoffRate(0.5)).next("Nowhere"))
                .state("W", waitSeconds(-1).end());
        InvalidDefinitionException built = assertThrows(InvalidDefinitionException.class, builder::build);
        String text = Json.write(builder.toJson());
        InvalidDefinitionException parsed = assertThrows(InvalidDefinitionException.class,
                () -> Definition.parse(text));
        InvalidDefinitionException defined = assertThrows(InvalidDefinitionException.class,
                () -> States.builder().clock(ManualClock.atEpoch()).build().define("m", text));
        assertTrue(built.findings().size() >= 4, built.findings().toString());
        assertEquals(parsed.findings(), built.findings());
        assertEquals(defined.getMessage(), built.getMessage());
    }

    @Test
    void shouldRejectNullAndBlankNamesAtOnce() {
        Definition.Builder builder = Definition.builder();
        assertEquals("name", assertThrows(NullPointerException.class, () -> builder.state(null, pass()))
                .getMessage());
        assertEquals("state", assertThrows(NullPointerException.class, () -> builder.state("A", null))
                .getMessage());
        assertEquals("state name must not be blank: name=' '", assertThrows(IllegalArgumentException.class,
                () -> builder.state(" ", pass())).getMessage());
        assertEquals("startAt", assertThrows(NullPointerException.class, () -> builder.startAt(null)).getMessage());
        assertEquals("next", assertThrows(NullPointerException.class, () -> pass().next(null)).getMessage());
        assertEquals("resource", assertThrows(NullPointerException.class, () -> task(null)).getMessage());
        assertEquals("errorEquals", assertThrows(NullPointerException.class,
                () -> retrier("States.ALL", null)).getMessage());
        assertEquals("variable", assertThrows(NullPointerException.class,
                () -> ChoiceRule.stringEquals(null, "x")).getMessage());
        assertEquals("rule", assertThrows(NullPointerException.class, () -> choice().when(null, "A")).getMessage());
        assertEquals("a rule must be a JSON object: rule=1", assertThrows(IllegalArgumentException.class,
                () -> ChoiceRule.of(IntNode.valueOf(1))).getMessage());
    }

    @Test
    void shouldRejectJsonTextThatIsNotJsonNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pass().parameters("{\"a\": }"));
        assertTrue(e.getMessage().startsWith("parameters is not JSON: Unexpected character ('}'"), e.getMessage());
        assertTrue(e.getMessage().endsWith(": parameters={\"a\": }"), e.getMessage());
    }

    @Test
    void shouldThrowWithFindingsWhenParsingAnInvalidDefinition() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> Definition.parse("{\"StartAt\": \"A\"}"));
        assertEquals("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: These fields are required:"
                + " [States] at /'", e.getMessage());
        assertEquals("INVALID_JSON_DESCRIPTION", assertThrows(InvalidDefinitionException.class,
                () -> Definition.parse("{")).findings().get(0).code());
        assertEquals("json", assertThrows(NullPointerException.class, () -> Definition.parse((String) null))
                .getMessage());
    }

    @Test
    void shouldLeaveTheBuilderUsableAndCopyStatesWhenAdded() {
        State.Pass a = pass().end();
        Definition.Builder builder = Definition.builder().startAt("A").state("A", a);
        a.comment("later");
        Definition first = builder.build();
        Definition second = builder.build();
        assertEquals(first, second);
        assertTrue(first.toJson().at("/States/A/Comment").isMissingNode());
        ((com.fasterxml.jackson.databind.node.ObjectNode) first.toJson()).put("StartAt", "changed");
        assertEquals("A", first.toJson().get("StartAt").asText());
    }

    @Test
    void shouldMakeVariantsWithToBuilderReplacingAStateInPlace() {
        Definition original = Definition.builder().startAt("A")
                .state("A", pass().next("B"))
                .state("B", succeed())
                .build();
        Definition variant = original.toBuilder().state("A", pass().result("{\"x\":1}").next("B")).build();
        assertNotEquals(original, variant);
        assertEquals("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Result\":{\"x\":1},\"Next\":\"B\"},"
                + "\"B\":{\"Type\":\"Succeed\"}}}", variant.toString());
        assertEquals(original, original.toBuilder().build());
    }

    @Test
    void shouldRunABuiltDefinitionAndRejectItAsExpressWhenItWaitsForACallback() {
        States states = States.builder().clock(ManualClock.atEpoch()).build();
        Definition definition = Definition.builder().startAt("Greet")
                .state("Greet", pass().parameters("{\"greeting.$\":\"States.Format('hi {}', $.name)\"}").end())
                .build();
        Execution run = states.start(states.define("greet", definition), "{\"name\":\"Ada\"}");
        assertEquals("{\"greeting\":\"hi Ada\"}", Json.write(run.output().orElseThrow()));

        Definition callback = Definition.builder().startAt("T")
                .state("T", task("arn:aws:states:::sqs:sendMessage.waitForTaskToken").end()).build();
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> states.define("callback", callback, StateMachineType.EXPRESS));
        assertEquals("InvalidDefinition", e.code());
        assertEquals("definition", assertThrows(NullPointerException.class,
                () -> states.define("x", (Definition) null)).getMessage());
    }

    @Test
    void shouldCoverTimestampRulesAndEmptyRetryAndCatchLists() {
        JsonNode t = Definition.builder().startAt("T")
                .state("T", task(LAMBDA + "f").retry().catchError().next("C"))
                .state("C", choice().when(timestampLessThan("$.t", "2025-01-01T00:00:00Z"), "E").otherwise("E"))
                .state("E", succeed())
                .build().toJson();
        assertEquals("[]", Json.write(t.at("/States/T/Retry")));
        assertEquals("[]", Json.write(t.at("/States/T/Catch")));
        assertEquals("2025-01-01T00:00:00Z", t.at("/States/C/Choices/0/TimestampLessThan").asText());
    }
}
