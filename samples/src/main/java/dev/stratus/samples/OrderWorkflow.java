package dev.stratus.samples;

import static dev.stratus.states.ChoiceRule.and;
import static dev.stratus.states.ChoiceRule.isPresent;
import static dev.stratus.states.ChoiceRule.numericGreaterThan;
import static dev.stratus.states.State.catcher;
import static dev.stratus.states.State.choice;
import static dev.stratus.states.State.fail;
import static dev.stratus.states.State.map;
import static dev.stratus.states.State.parallel;
import static dev.stratus.states.State.pass;
import static dev.stratus.states.State.retrier;
import static dev.stratus.states.State.task;
import static dev.stratus.states.State.waitSeconds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.ManualClock;
import dev.stratus.states.Definition;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.StateMachine;
import dev.stratus.states.States;
import dev.stratus.states.StatesException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An order-processing state machine written in Java with the fluent {@link Definition} builder instead of JSON:
 * validate the order, send big ones to review, charge the card (retrying a busy gateway) while reserving stock,
 * ship every item, wait for pickup. It runs for an order that ships and one whose card is declined, and prints the
 * AWS JSON the builder wrote, which deploys to AWS Step Functions unchanged.
 */
public final class OrderWorkflow {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAMBDA = "arn:aws:lambda:us-east-1:111111111111:function:";

    /** What the sample observed. */
    record Result(ExecutionStatus shipped, int parcels, int chargeCalls, ExecutionStatus declined,
            String declinedError, String definition) {
    }

    private OrderWorkflow() {
    }

    /** Runs the sample. */
    public static void main(final String... args) throws Exception {
        run();
    }

    /** The machine, built in Java; {@code build()} validates it as AWS would. */
    static Definition definition() {
        return Definition.builder()
                .comment("Validate, charge while reserving stock, ship every item")
                .startAt("Validate")
                // A Lambda task; only the total of its result is kept, under $.validation.
                .state("Validate", task(LAMBDA + "ValidateOrder")
                        .resultSelector("{\"total.$\": \"$.total\"}")
                        .resultPath("$.validation")
                        .next("Needs review?"))
                // Big orders go to a person; orders with items go on.
                .state("Needs review?", choice()
                        .when(numericGreaterThan("$.validation.total", 1000), "Review")
                        .when(and(isPresent("$.items[0]", true), isPresent("$.card", true)), "Charge and reserve")
                        .otherwise("Review"))
                .state("Review", fail("Order.NeedsReview", "a person must look at this order"))
                // Two branches at once; a declined card fails the branch, and so the Parallel, into the Catch.
                .state("Charge and reserve", parallel(
                                Definition.builder().startAt("Charge").state("Charge", task(LAMBDA + "ChargeCard")
                                        .retry(retrier("Payment.Unavailable").intervalSeconds(2).maxAttempts(3))
                                        .end()),
                                Definition.builder().startAt("Reserve").state("Reserve",
                                        task(LAMBDA + "ReserveStock").end()))
                        .resultSelector("{\"chargeId.$\": \"$[0].chargeId\"}")
                        .resultPath("$.payment")
                        .catchError(catcher("Payment.Declined").resultPath("$.error").next("Declined"))
                        .next("Ship items"))
                // One shipment per item, two at a time.
                .state("Ship items", map()
                        .itemsPath("$.items")
                        .itemSelector("{\"orderId.$\": \"$.orderId\", \"sku.$\": \"$$.Map.Item.Value.sku\"}")
                        .maxConcurrency(2)
                        .itemProcessor(Definition.builder().startAt("Ship")
                                .state("Ship", task(LAMBDA + "ShipItem").end()))
                        .resultPath("$.parcels")
                        .next("Wait for pickup"))
                .state("Wait for pickup", waitSeconds(3600).next("Done"))
                .state("Done", pass()
                        .parameters("{\"orderId.$\": \"$.orderId\", \"parcels.$\": \"$.parcels\"}")
                        .end())
                .state("Declined", fail().errorPath("$.error.Error").causePath("$.error.Cause"))
                .build();
    }

    /** Runs the sample and returns what it observed. */
    static Result run() throws Exception {
        // Virtual time; every Lambda is a Java handler. The gateway is busy on the first charge.
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        AtomicInteger chargeCalls = new AtomicInteger();
        States states = States.builder().clock(clock)
                .handler("ValidateOrder", input -> {
                    double total = 0;
                    for (JsonNode item : input.path("items")) {
                        total += item.path("qty").asInt() * item.path("price").asDouble();
                    }
                    return JSON.createObjectNode().put("total", total);
                })
                .handler("ChargeCard", input -> {
                    if (chargeCalls.incrementAndGet() == 1) {
                        throw new StatesException("Payment.Unavailable", "gateway busy");
                    }
                    if (input.path("card").asText().equals("declined")) {
                        throw new StatesException("Payment.Declined", "insufficient funds");
                    }
                    return JSON.createObjectNode().put("chargeId", "ch-" + input.path("orderId").asText());
                })
                .handler("ReserveStock", input -> JSON.createObjectNode().put("reserved", true))
                .handler("ShipItem", input -> JSON.createObjectNode()
                        .put("sku", input.path("sku").asText())
                        .put("tracking", "TRK-" + input.path("orderId").asText() + "-" + input.path("sku").asText()))
                .build();

        // Build the definition and define the machine from it.
        Definition definition = definition();
        StateMachine machine = states.define("OrderWorkflow", definition);
        System.out.println("Definition (AWS JSON): " + definition);

        // An order that ships: the retry waits 2 virtual seconds, the pickup an hour.
        Execution shipped = states.start(machine, order("o-1", "visa"));
        clock.advance(Duration.ofSeconds(2));
        clock.advance(Duration.ofHours(1));
        System.out.println("o-1: " + shipped.status() + " " + shipped.output().orElseThrow());

        // An order whose card is declined: caught, then failed with the card's error.
        Execution declined = states.start(machine, order("o-2", "declined"));
        clock.advance(Duration.ofSeconds(2));
        System.out.println("o-2: " + declined.status() + " " + declined.error().orElse("") + ": "
                + declined.cause().orElse(""));

        return new Result(shipped.status(), shipped.output().orElseThrow().path("parcels").size(), chargeCalls.get(),
                declined.status(), declined.error().orElse(""), definition.toString());
    }

    private static String order(final String id, final String card) {
        ObjectNode order = JSON.createObjectNode().put("orderId", id).put("card", card);
        order.putArray("items").add(JSON.createObjectNode().put("sku", "book").put("qty", 2).put("price", 12.5))
                .add(JSON.createObjectNode().put("sku", "pen").put("qty", 3).put("price", 1.2))
                .add(JSON.createObjectNode().put("sku", "lamp").put("qty", 1).put("price", 40));
        return order.toString();
    }
}
