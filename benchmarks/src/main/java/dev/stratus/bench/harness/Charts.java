package dev.stratus.bench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of a run: ratios against baselines per engine, and scaling curves. */
final class Charts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    private Charts() {
    }

    /** One bar chart of ours/baseline ratios per engine; returns the files written. */
    static List<Path> ratios(final List<Goal.Outcome> outcomes, final Path dir) throws IOException {
        Map<String, DefaultCategoryDataset> byEngine = new TreeMap<>();
        for (Goal.Outcome outcome : outcomes) {
            if (outcome.goal().check() instanceof Goal.MinRatio && outcome.ours().isPresent()
                    && outcome.baseline().isPresent()) {
                double ratio = outcome.ours().get().opsPerSecond() / outcome.baseline().get().opsPerSecond();
                DefaultCategoryDataset data = byEngine.computeIfAbsent(outcome.goal().engine(),
                        e -> new DefaultCategoryDataset());
                data.addValue(ratio, "ours / baseline", shorten(outcome.goal().text()));
                data.addValue(((Goal.MinRatio) outcome.goal().check()).value(), "goal",
                        shorten(outcome.goal().text()));
            }
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, DefaultCategoryDataset> engine : byEngine.entrySet()) {
            JFreeChart chart = ChartFactory.createBarChart(engine.getKey() + ": speed relative to the baseline",
                    null, "ours / baseline (ops/s ratio, higher is better)", engine.getValue(),
                    PlotOrientation.HORIZONTAL, true, false, false);
            LogAxis ratioAxis = new LogAxis("ours / baseline (ops/s ratio, log scale, higher is better)");
            ratioAxis.setSmallestValue(0.01);
            ratioAxis.setNumberFormatOverride(new java.text.DecimalFormat("0.###x"));
            chart.getCategoryPlot().setRangeAxis(ratioAxis);
            Path file = dir.resolve("ratios-" + engine.getKey() + ".png");
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            files.add(file);
        }
        return files;
    }

    /** A line chart of a scaling curve; null when no result matches. */
    static Path curve(final Goals.Curve curve, final List<Result> results, final Path dir) throws IOException {
        Map<String, XYSeries> series = new TreeMap<>();
        for (Result r : results) {
            if (!r.benchmark().endsWith("." + curve.benchmark()) || !r.params().containsKey(curve.xParam())) {
                continue;
            }
            StringBuilder name = new StringBuilder(curve.seriesParam() == null ? "ours" : "");
            if (curve.seriesParam() != null) {
                for (String param : curve.seriesParam().split(",")) {
                    name.append(name.length() == 0 ? "" : ", ").append(param).append('=')
                            .append(r.params().get(param));
                }
            }
            double x;
            try {
                x = Double.parseDouble(r.params().get(curve.xParam()));
            } catch (NumberFormatException e) {
                continue;
            }
            double perOp = curve.perX() > 0 ? x * curve.perX() : 1;
            series.computeIfAbsent(name.toString(), n -> new XYSeries(n)).add(x, r.secondsPerOp() * 1e9 / perOp);
        }
        if (series.isEmpty()) {
            return null;
        }
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        String yLabel = curve.perX() > 0 ? "ns per unit" : "ns per operation";
        JFreeChart chart = ChartFactory.createXYLineChart(curve.title(), curve.xParam(), yLabel, data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(new LogAxis(curve.xParam() + " (log scale)"));
        Path file = dir.resolve(curve.file());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }

    private static String shorten(final String text) {
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
