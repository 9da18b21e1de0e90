using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Digits.Server.Tests.Monitoring;

/// <summary>deploy/prometheus and deploy/grafana only query metrics this server really exports (or that the rules record).</summary>
public sealed partial class DeploymentConfigTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Deploy = Path.Combine(Repository.Root, "deploy");

    /// <summary>What PromQL names that are not metrics: functions, aggregations, keywords, and labels of Prometheus' own.</summary>
    private static readonly HashSet<string> NotMetrics =
    [
        "sum", "max", "min", "avg", "count", "rate", "increase", "irate", "histogram_quantile", "by", "without", "and", "or", "unless",
        "label_values", "up",
    ];

    [GeneratedRegex(@"expr:\s*(\|\s*\n(?<block>(?:\s{10,}.*\n)+)|(?<line>.+))")]
    private static partial Regex RuleExpression();

    [GeneratedRegex(@"record:\s*(\S+)")]
    private static partial Regex RecordedName();

    [GeneratedRegex(@"""[^""]*""|\{[^}]*\}|\[[^\]]*\]|\b[a-zA-Z_:][a-zA-Z0-9_:]*\b")]
    private static partial Regex PromQlToken();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex LabelList();

    /// <summary>Metric names in a PromQL expression: identifiers outside strings, label lists, matchers and ranges that are not PromQL's own words.</summary>
    private static IEnumerable<string> MetricNames(string expression) =>
        PromQlToken().Matches(LabelList().Replace(expression, " ")).Select(m => m.Value)
            .Where(t => char.IsLetter(t[0]) || t[0] is '_' or ':')
            .Where(t => !NotMetrics.Contains(t) && !double.TryParse(t, out _));

    private async Task<HashSet<string>> ExportedMetricsAsync()
    {
        // Make every family appear: a prediction, feedback on it (live gauges), an error.
        using var predicted = await server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(0, scale: 2)));
        var id = (await predicted.Json()).GetProperty("id").GetString();
        (await server.Client.PostAsJsonAsync("/feedback", new { id, label = 1 })).Dispose();
        (await server.Client.PostAsync("/predict", Samples.Form("not an image"u8.ToArray()))).Dispose();
        var text = await server.Client.GetStringAsync("/metrics");
        return text.Split('\n').Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ')[3] == "histogram"
                ? new[] { line.Split(' ')[2] + "_bucket", line.Split(' ')[2] + "_sum", line.Split(' ')[2] + "_count" }
                : [line.Split(' ')[2]])
            .ToHashSet();
    }

    [Fact]
    public async Task The_rules_and_the_dashboard_query_only_metrics_the_server_exports()
    {
        var exported = await ExportedMetricsAsync();
        var rules = await File.ReadAllTextAsync(Path.Combine(Deploy, "prometheus", "digits.rules.yml"));
        var recorded = RecordedName().Matches(rules).Select(m => m.Groups[1].Value).ToHashSet();
        var ruleExpressions = RuleExpression().Matches(rules).Select(m => m.Groups["block"].Success ? m.Groups["block"].Value : m.Groups["line"].Value).ToList();

        var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Deploy, "grafana", "digits.json"))).RootElement;
        var panelExpressions = dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        // A variable's label_values(metric, label) names a metric, then a label.
        var variableQueries = dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Select(v => v.GetProperty("query").GetString()!.Split(',')[0]).ToList();

        Assert.True(ruleExpressions.Count >= 10, $"{ruleExpressions.Count} rule expressions found");
        Assert.True(panelExpressions.Count >= 10, $"{panelExpressions.Count} panel queries found");
        foreach (var expression in ruleExpressions.Concat(panelExpressions).Concat(variableQueries))
        foreach (var name in MetricNames(expression))
            Assert.True(exported.Contains(name) || recorded.Contains(name), $"'{name}' in `{expression.Trim()}` is neither exported by the server nor recorded by a rule.");
        Assert.Contains("digits:latency_seconds:p99_5m", recorded);
        foreach (var alert in new[] { "DigitsSlowP99", "DigitsServerErrors", "DigitsLiveAccuracyDrop" }) Assert.Contains($"alert: {alert}", rules);
    }

    [Fact]
    public async Task Prometheus_scrapes_the_path_the_server_serves_metrics_on()
    {
        var config = await File.ReadAllTextAsync(Path.Combine(Deploy, "prometheus", "prometheus.yml"));
        var path = Regex.Match(config, @"metrics_path:\s*(\S+)").Groups[1].Value;
        using var response = await server.Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode);
        Assert.Contains("digits.rules.yml", config);
    }
}
