package dev.stratus.metrics.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import dev.stratus.metrics.AlarmHistoryItem;
import dev.stratus.metrics.AlarmState;
import dev.stratus.metrics.AlarmStatus;
import dev.stratus.metrics.ComparisonOperator;
import dev.stratus.metrics.CompositeAlarm;
import dev.stratus.metrics.Datapoint;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.DimensionFilter;
import dev.stratus.metrics.GetMetricDataRequest;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.ListMetricsRequest;
import dev.stratus.metrics.MessageData;
import dev.stratus.metrics.MetricAlarm;
import dev.stratus.metrics.MetricDataQuery;
import dev.stratus.metrics.MetricDataResponse;
import dev.stratus.metrics.MetricDataResult;
import dev.stratus.metrics.MetricDatum;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.MetricList;
import dev.stratus.metrics.MetricStatistics;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Statistic;
import dev.stratus.metrics.StatisticSet;
import dev.stratus.metrics.TreatMissingData;
import dev.stratus.metrics.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch's JSON protocol over a {@link Metrics} engine: each operation takes the request body as AWS's JSON
 * shape and returns the response body, so the recorded AWS cases (and later an HTTP endpoint) drive the Java API.
 * Timestamps are read as epoch seconds or ISO-8601 text and written as ISO-8601 text.
 */
public final class CloudWatchJson {
    private final Metrics metrics;

    public CloudWatchJson(final Metrics metrics) {
        this.metrics = metrics;
    }

    /** The HTTP status CloudWatch's query protocol gives an error code. */
    public static int httpStatus(final String code) {
        return code.equals("ResourceNotFound") ? 404 : 400;
    }

    /**
     * Runs operation {@code op} with request body {@code request}.
     *
     * @throws StratusException with CloudWatch's code and message when the request is rejected
     */
    public JsonNode call(final String op, final JsonNode request) {
        return switch (op) {
            case "PutMetricData" -> putMetricData(request);
            case "GetMetricStatistics" -> getMetricStatistics(request);
            case "GetMetricData" -> getMetricData(request);
            case "ListMetrics" -> listMetrics(request);
            case "PutMetricAlarm" -> putMetricAlarm(request);
            case "PutCompositeAlarm" -> putCompositeAlarm(request);
            case "SetAlarmState" -> setAlarmState(request);
            case "DescribeAlarms" -> describeAlarms(request);
            case "DescribeAlarmsForMetric" -> describeAlarmsForMetric(request);
            case "DescribeAlarmHistory" -> describeAlarmHistory(request);
            case "DeleteAlarms" -> {
                metrics.deleteAlarms(strings(request.path("AlarmNames")));
                yield Json.MAPPER.createObjectNode();
            }
            case "EnableAlarmActions" -> {
                metrics.enableAlarmActions(strings(request.path("AlarmNames")));
                yield Json.MAPPER.createObjectNode();
            }
            case "DisableAlarmActions" -> {
                metrics.disableAlarmActions(strings(request.path("AlarmNames")));
                yield Json.MAPPER.createObjectNode();
            }
            default -> throw new StratusException("InvalidAction", "The action " + op + " is not valid for this"
                    + " web service.");
        };
    }

    // ------------------------------------------------------------------ metrics

    private JsonNode putMetricData(final JsonNode request) {
        List<MetricDatum> data = new ArrayList<>();
        JsonNode array = request.path("MetricData");
        for (int i = 0; i < array.size(); i++) {
            data.add(datum(array.get(i), "MetricData.member." + (i + 1)));
        }
        metrics.putMetricData(text(request, "Namespace"), data);
        return Json.MAPPER.createObjectNode();
    }

    private static MetricDatum datum(final JsonNode node, final String member) {
        MetricDatum.Builder b = MetricDatum.builder(node.path("MetricName").asText(""));
        b.dimensions(dimensions(node.path("Dimensions"), member + ".Dimensions"));
        if (node.hasNonNull("Timestamp")) {
            b.timestamp(instant(node.get("Timestamp")));
        }
        if (node.hasNonNull("Value")) {
            b.value(node.get("Value").asDouble());
        }
        if (node.has("Values")) {
            b.values(doubles(node.get("Values")));
        }
        if (node.has("Counts")) {
            b.counts(doubles(node.get("Counts")));
        }
        if (node.hasNonNull("StatisticValues")) {
            JsonNode set = node.get("StatisticValues");
            for (String field : List.of("SampleCount", "Sum", "Minimum", "Maximum")) {
                if (!set.hasNonNull(field)) {
                    throw MetricStore.missing(member + ".StatisticValues." + field);
                }
            }
            b.statisticValues(StatisticSet.of(set.get("SampleCount").asDouble(), set.get("Sum").asDouble(),
                    set.get("Minimum").asDouble(), set.get("Maximum").asDouble()));
        }
        if (node.hasNonNull("Unit")) {
            b.unit(unit(node.get("Unit").asText(), member + ".Unit"));
        }
        if (node.hasNonNull("StorageResolution")) {
            b.storageResolution(node.get("StorageResolution").asInt());
        }
        return b.build();
    }

    private JsonNode getMetricStatistics(final JsonNode request) {
        GetMetricStatisticsRequest.Builder b = GetMetricStatisticsRequest.builder()
                .namespace(request.path("Namespace").asText(""))
                .metricName(request.path("MetricName").asText(""))
                .dimensions(dimensions(request.path("Dimensions"), "Dimensions"))
                .period(request.path("Period").asInt(0));
        if (request.hasNonNull("StartTime")) {
            b.startTime(instant(request.get("StartTime")));
        }
        if (request.hasNonNull("EndTime")) {
            b.endTime(instant(request.get("EndTime")));
        }
        List<Statistic> statistics = new ArrayList<>();
        for (JsonNode s : request.path("Statistics")) {
            try {
                statistics.add(Statistic.of(s.asText()));
            } catch (IllegalArgumentException e) {
                throw new StratusException("InvalidParameterValue", "The value " + s.asText()
                        + " for parameter Statistics is invalid.");
            }
        }
        b.statistics(statistics.toArray(new Statistic[0]));
        b.extendedStatistics(strings(request.path("ExtendedStatistics")).toArray(new String[0]));
        if (request.hasNonNull("Unit")) {
            b.unit(unit(request.get("Unit").asText(), "Unit"));
        }
        MetricStatistics result = metrics.getMetricStatistics(b.build());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("Label", result.label());
        ArrayNode points = out.putArray("Datapoints");
        for (Datapoint datapoint : result.datapoints()) {
            ObjectNode point = points.addObject();
            point.put("Timestamp", datapoint.timestamp().toString());
            ObjectNode extended = null;
            for (Map.Entry<String, Double> entry : datapoint.statistics().entrySet()) {
                if (isBasic(entry.getKey())) {
                    point.put(entry.getKey(), entry.getValue());
                } else {
                    if (extended == null) {
                        extended = point.putObject("ExtendedStatistics");
                    }
                    extended.put(entry.getKey(), entry.getValue());
                }
            }
            point.put("Unit", datapoint.unit().awsName());
        }
        return out;
    }

    private static boolean isBasic(final String name) {
        for (Statistic statistic : Statistic.values()) {
            if (statistic.awsName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private JsonNode getMetricData(final JsonNode request) {
        GetMetricDataRequest.Builder b = GetMetricDataRequest.builder();
        JsonNode queries = request.path("MetricDataQueries");
        for (int i = 0; i < queries.size(); i++) {
            JsonNode q = queries.get(i);
            String member = "MetricDataQueries.member." + (i + 1);
            MetricDataQuery query;
            if (q.hasNonNull("MetricStat")) {
                JsonNode stat = q.get("MetricStat");
                JsonNode metric = stat.path("Metric");
                MetricKey key = new MetricKey(metric.path("Namespace").asText(""), metric.path("MetricName").asText(""),
                        dimensions(metric.path("Dimensions"), member + ".MetricStat.Metric.Dimensions"));
                query = MetricDataQuery.metricStat(q.path("Id").asText(""), key, stat.path("Period").asInt(0),
                        stat.path("Stat").asText(""));
                if (stat.hasNonNull("Unit")) {
                    query = query.withUnit(unit(stat.get("Unit").asText(), member + ".MetricStat.Unit"));
                }
            } else if (q.hasNonNull("Expression")) {
                query = MetricDataQuery.expression(q.path("Id").asText(""), q.get("Expression").asText());
                if (q.hasNonNull("Period")) {
                    query = query.withPeriod(q.get("Period").asInt());
                }
            } else {
                throw MetricStore.combination("The parameters " + member + ".MetricStat and " + member
                        + ".Expression are mutually exclusive and exactly one must be specified.");
            }
            if (q.hasNonNull("Label")) {
                query = query.withLabel(q.get("Label").asText());
            }
            if (q.has("ReturnData")) {
                query = query.withReturnData(q.get("ReturnData").asBoolean(true));
            }
            b.query(query);
        }
        if (request.hasNonNull("StartTime")) {
            b.startTime(instant(request.get("StartTime")));
        }
        if (request.hasNonNull("EndTime")) {
            b.endTime(instant(request.get("EndTime")));
        }
        if (request.hasNonNull("MaxDatapoints")) {
            int max = request.get("MaxDatapoints").asInt();
            if (max < 1) {
                throw MetricStore.invalid("The parameter MaxDatapoints must be greater than 0.");
            }
            b.maxDatapoints(max);
        }
        if (request.hasNonNull("ScanBy")) {
            String scanBy = request.get("ScanBy").asText();
            if (!scanBy.equals("TimestampAscending") && !scanBy.equals("TimestampDescending")) {
                throw new StratusException("ValidationError", "1 validation error detected: Value '" + scanBy
                        + "' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set:"
                        + " [TimestampDescending, TimestampAscending]");
            }
            b.ascending(scanBy.equals("TimestampAscending"));
        }
        if (request.hasNonNull("NextToken")) {
            b.nextToken(request.get("NextToken").asText());
        }
        MetricDataResponse response = metrics.getMetricData(b.build());
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode results = out.putArray("MetricDataResults");
        for (MetricDataResult result : response.results()) {
            ObjectNode r = results.addObject();
            r.put("Id", result.id());
            r.put("Label", result.label());
            r.put("StatusCode", result.statusCode());
            ArrayNode times = r.putArray("Timestamps");
            result.timestamps().forEach(t -> times.add(t.toString()));
            ArrayNode values = r.putArray("Values");
            result.values().forEach(values::add);
            if (!result.messages().isEmpty()) {
                messages(r.putArray("Messages"), result.messages());
            }
        }
        messages(out.putArray("Messages"), response.messages());
        if (response.nextToken() != null) {
            out.put("NextToken", response.nextToken());
        }
        return out;
    }

    private static void messages(final ArrayNode array, final List<MessageData> messages) {
        for (MessageData message : messages) {
            array.addObject().put("Code", message.code()).put("Value", message.value());
        }
    }

    private JsonNode listMetrics(final JsonNode request) {
        List<DimensionFilter> filters = new ArrayList<>();
        for (JsonNode d : request.path("Dimensions")) {
            filters.add(new DimensionFilter(d.path("Name").asText(), d.hasNonNull("Value") ? d.get("Value").asText()
                    : null));
        }
        MetricList list = metrics.listMetrics(new ListMetricsRequest(textOrNull(request, "Namespace"),
                textOrNull(request, "MetricName"), filters, textOrNull(request, "NextToken"),
                textOrNull(request, "RecentlyActive")));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode array = out.putArray("Metrics");
        for (MetricKey key : list.metrics()) {
            ObjectNode m = array.addObject();
            m.put("Namespace", key.namespace());
            m.put("MetricName", key.name());
            dimensionsOut(m.putArray("Dimensions"), key.dimensions());
        }
        if (list.nextToken() != null) {
            out.put("NextToken", list.nextToken());
        }
        return out;
    }

    // ------------------------------------------------------------------ alarms

    private JsonNode putMetricAlarm(final JsonNode r) {
        MetricAlarm.Builder b = MetricAlarm.builder(r.path("AlarmName").asText(""));
        if (!r.hasNonNull("MetricName") || !r.hasNonNull("Namespace")) {
            throw new StratusException("ValidationError", "Metric alarms need a MetricName and a Namespace (metric"
                    + " math alarms are not supported).");
        }
        b.metric(new MetricKey(r.get("Namespace").asText(), r.get("MetricName").asText(),
                dimensions(r.path("Dimensions"), "Dimensions")));
        b.description(textOrNull(r, "AlarmDescription"));
        b.period(r.path("Period").asInt(0));
        b.evaluationPeriods(r.path("EvaluationPeriods").asInt(0));
        if (r.hasNonNull("DatapointsToAlarm")) {
            b.datapointsToAlarm(r.get("DatapointsToAlarm").asInt());
        }
        if (!r.hasNonNull("Threshold")) {
            throw MetricStore.missing("Threshold");
        }
        b.threshold(r.get("Threshold").asDouble());
        if (!r.hasNonNull("ComparisonOperator")) {
            throw MetricStore.missing("ComparisonOperator");
        }
        b.comparisonOperator(enumValue(r.get("ComparisonOperator").asText(), "comparisonOperator",
                ComparisonOperator::of, "[GreaterThanOrEqualToThreshold, GreaterThanThreshold, LessThanThreshold,"
                        + " LessThanOrEqualToThreshold, LessThanLowerOrGreaterThanUpperThreshold,"
                        + " LessThanLowerThreshold, GreaterThanUpperThreshold]"));
        if (r.hasNonNull("Statistic")) {
            b.statistic(enumValue(r.get("Statistic").asText(), "statistic", Statistic::of,
                    "[SampleCount, Average, Sum, Minimum, Maximum]"));
        }
        b.extendedStatistic(textOrNull(r, "ExtendedStatistic"));
        if (r.hasNonNull("Unit")) {
            b.unit(unit(r.get("Unit").asText(), "Unit"));
        }
        if (r.hasNonNull("TreatMissingData")) {
            String treat = r.get("TreatMissingData").asText();
            try {
                b.treatMissingData(TreatMissingData.of(treat));
            } catch (IllegalArgumentException e) {
                throw new StratusException("ValidationError", "Option " + treat + " is not supported. Supported"
                        + " options for parameter TreatMissingData are missing, ignore, breaching and notBreaching.");
            }
        }
        b.evaluateLowSampleCountPercentile(textOrNull(r, "EvaluateLowSampleCountPercentile"));
        b.actionsEnabled(r.path("ActionsEnabled").asBoolean(true));
        b.okActions(strings(r.path("OKActions")));
        b.alarmActions(strings(r.path("AlarmActions")));
        b.insufficientDataActions(strings(r.path("InsufficientDataActions")));
        metrics.putMetricAlarm(b.build());
        return Json.MAPPER.createObjectNode();
    }

    private JsonNode putCompositeAlarm(final JsonNode r) {
        CompositeAlarm.Builder b = CompositeAlarm.builder(r.path("AlarmName").asText(""),
                r.path("AlarmRule").asText(""));
        b.description(textOrNull(r, "AlarmDescription"));
        b.actionsEnabled(r.path("ActionsEnabled").asBoolean(true));
        b.okActions(strings(r.path("OKActions")));
        b.alarmActions(strings(r.path("AlarmActions")));
        b.insufficientDataActions(strings(r.path("InsufficientDataActions")));
        metrics.putCompositeAlarm(b.build());
        return Json.MAPPER.createObjectNode();
    }

    private JsonNode setAlarmState(final JsonNode r) {
        AlarmState state = enumValue(r.path("StateValue").asText(""), "stateValue", AlarmState::valueOf,
                "[INSUFFICIENT_DATA, ALARM, OK]");
        metrics.setAlarmState(r.path("AlarmName").asText(""), state, r.path("StateReason").asText(""),
                textOrNull(r, "StateReasonData"));
        return Json.MAPPER.createObjectNode();
    }

    private JsonNode describeAlarms(final JsonNode r) {
        List<String> types = strings(r.path("AlarmTypes"));
        boolean metricAlarms = types.isEmpty() || types.contains("MetricAlarm");
        boolean compositeAlarms = !types.isEmpty() && types.contains("CompositeAlarm");
        String stateFilter = textOrNull(r, "StateValue");
        String prefix = textOrNull(r, "AlarmNamePrefix");
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode metric = out.putArray("MetricAlarms");
        ArrayNode composite = out.putArray("CompositeAlarms");
        for (AlarmStatus status : metrics.describeAlarms(strings(r.path("AlarmNames")))) {
            if ((stateFilter != null && !stateFilter.equals(status.state().name()))
                    || (prefix != null && !status.name().startsWith(prefix))) {
                continue;
            }
            if (status.metricAlarm() != null && metricAlarms) {
                metric.add(alarmJson(status));
            } else if (status.compositeAlarm() != null && compositeAlarms) {
                composite.add(alarmJson(status));
            }
        }
        return out;
    }

    private JsonNode describeAlarmsForMetric(final JsonNode r) {
        MetricKey key = new MetricKey(r.path("Namespace").asText(""), r.path("MetricName").asText(""),
                dimensions(r.path("Dimensions"), "Dimensions"));
        Statistic statistic = r.hasNonNull("Statistic") ? enumValue(r.get("Statistic").asText(), "statistic",
                Statistic::of, "[SampleCount, Average, Sum, Minimum, Maximum]") : null;
        List<AlarmStatus> found = metrics.describeAlarmsForMetric(key, statistic, textOrNull(r, "ExtendedStatistic"),
                r.hasNonNull("Period") ? r.get("Period").asInt() : null,
                r.hasNonNull("Unit") ? unit(r.get("Unit").asText(), "Unit") : null);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode array = out.putArray("MetricAlarms");
        found.forEach(status -> array.add(alarmJson(status)));
        return out;
    }

    private JsonNode describeAlarmHistory(final JsonNode r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("AlarmHistoryItems");
        for (AlarmHistoryItem item : metrics.describeAlarmHistory(textOrNull(r, "AlarmName"),
                textOrNull(r, "HistoryItemType"))) {
            ObjectNode node = items.addObject();
            node.put("AlarmName", item.alarmName());
            node.put("AlarmType", item.alarmType());
            node.put("HistoryData", item.historyData());
            node.put("HistoryItemType", item.itemType());
            node.put("HistorySummary", item.summary());
            node.put("Timestamp", item.timestamp().toString());
        }
        return out;
    }

    private ObjectNode alarmJson(final AlarmStatus status) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("ActionsEnabled", status.actionsEnabled());
        n.put("AlarmArn", metrics.alarmArn(status.name()));
        n.put("AlarmConfigurationUpdatedTimestamp", status.configurationUpdated().toString());
        n.put("AlarmName", status.name());
        n.put("StateReason", status.stateReason());
        if (status.stateReasonData() != null) {
            n.put("StateReasonData", status.stateReasonData());
        }
        n.put("StateTransitionedTimestamp", status.stateTransitioned().toString());
        n.put("StateUpdatedTimestamp", status.stateUpdated().toString());
        n.put("StateValue", status.state().name());
        if (status.compositeAlarm() != null) {
            CompositeAlarm alarm = status.compositeAlarm();
            if (alarm.description() != null) {
                n.put("AlarmDescription", alarm.description());
            }
            n.put("AlarmRule", alarm.rule());
            arns(n, alarm.okActions(), alarm.alarmActions(), alarm.insufficientDataActions());
            return n;
        }
        MetricAlarm alarm = status.metricAlarm();
        if (alarm.description() != null) {
            n.put("AlarmDescription", alarm.description());
        }
        arns(n, alarm.okActions(), alarm.alarmActions(), alarm.insufficientDataActions());
        n.put("ComparisonOperator", alarm.comparisonOperator().awsName());
        dimensionsOut(n.putArray("Dimensions"), alarm.metric().dimensions());
        n.put("EvaluationPeriods", alarm.evaluationPeriods());
        if (alarm.datapointsToAlarm() != null) {
            n.put("DatapointsToAlarm", alarm.datapointsToAlarm());
        }
        n.put("MetricName", alarm.metric().name());
        n.put("Namespace", alarm.metric().namespace());
        n.put("Period", alarm.period());
        if (alarm.statistic() != null) {
            n.put("Statistic", alarm.statistic().awsName());
        } else {
            n.put("ExtendedStatistic", alarm.extendedStatistic());
        }
        n.put("Threshold", alarm.threshold());
        if (alarm.treatMissingData() != null) {
            n.put("TreatMissingData", alarm.treatMissingData().awsName());
        }
        if (alarm.unit() != null) {
            n.put("Unit", alarm.unit().awsName());
        }
        if (alarm.evaluateLowSampleCountPercentile() != null) {
            n.put("EvaluateLowSampleCountPercentile", alarm.evaluateLowSampleCountPercentile());
        }
        return n;
    }

    private static void arns(final ObjectNode n, final List<String> ok, final List<String> alarm,
            final List<String> insufficient) {
        ArrayNode okArray = n.putArray("OKActions");
        ok.forEach(okArray::add);
        ArrayNode alarmArray = n.putArray("AlarmActions");
        alarm.forEach(alarmArray::add);
        ArrayNode insufficientArray = n.putArray("InsufficientDataActions");
        insufficient.forEach(insufficientArray::add);
    }

    // ------------------------------------------------------------------ helpers

    private static <T> T enumValue(final String value, final String field, final java.util.function.Function<String,
            T> parse, final String allowed) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new StratusException("ValidationError", "1 validation error detected: Value '" + value + "' at '"
                    + field + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
    }

    private static Unit unit(final String name, final String field) {
        try {
            return Unit.of(name);
        } catch (IllegalArgumentException e) {
            throw MetricStore.invalid("The value " + name + " for parameter " + field + " is invalid.");
        }
    }

    private static List<Dimension> dimensions(final JsonNode array, final String field) {
        List<Dimension> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode d = array.get(i);
            if (!d.hasNonNull("Name")) {
                throw MetricStore.missing(field + ".member." + (i + 1) + ".Name");
            }
            if (!d.hasNonNull("Value")) {
                throw MetricStore.missing(field + ".member." + (i + 1) + ".Value");
            }
            out.add(new Dimension(d.get("Name").asText(), d.get("Value").asText()));
        }
        return out;
    }

    private static void dimensionsOut(final ArrayNode array, final List<Dimension> dimensions) {
        for (Dimension d : dimensions) {
            array.addObject().put("Name", d.name()).put("Value", d.value());
        }
    }

    private static List<Double> doubles(final JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    private static List<String> strings(final JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String text(final JsonNode node, final String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String textOrNull(final JsonNode node, final String field) {
        return text(node, field);
    }

    /** Reads a timestamp given as epoch seconds (number) or ISO-8601 text. */
    public static Instant instant(final JsonNode node) {
        if (node.isNumber()) {
            return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
        }
        return Instant.parse(node.asText());
    }
}
