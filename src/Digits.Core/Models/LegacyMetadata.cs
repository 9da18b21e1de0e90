using System.Text.Json.Nodes;

namespace Digits.Core.Models;

/// <summary>
/// Reads metadata.json written before models carried a spec: their recipe was their name, and their options,
/// data set, input and labels sat beside it. Those become the spec a newer model writes.
/// </summary>
public static class LegacyMetadata
{
    public static string Upgrade(string json)
    {
        if (JsonNode.Parse(json) is not JsonObject metadata || metadata.ContainsKey("spec") || !metadata.ContainsKey("hyperparameters")) return json;
        var old = metadata["hyperparameters"]!.AsObject();
        var dataset = metadata["dataset"]!.DeepClone();
        var options = new JsonObject
        {
            ["split"] = SplitOf((string?)metadata["split"]?["method"] ?? ""),
            ["epochs"] = old["max_epochs"]?.DeepClone(),
            ["batch_size"] = old["batch_size"]?.DeepClone(),
            ["learning_rate"] = old["learning_rate"]?.DeepClone(),
            ["seed"] = metadata["seed"]?.DeepClone(),
            ["augment"] = old["augment"]?.DeepClone(),
            ["elastic"] = old["elastic"]?.DeepClone() ?? false,
            ["early_stopping_patience"] = old["early_stopping_patience"]?.DeepClone(),
            ["optimizer"] = (string?)old["optimizer"] == "adamw" ? "adam_w" : "adam",
            ["schedule"] = ScheduleOf((string?)old["schedule"] ?? ""),
            ["weight_decay"] = old["weight_decay"]?.DeepClone() ?? 0,
            ["label_smoothing"] = old["label_smoothing"]?.DeepClone() ?? 0,
            ["weight_averaging"] = old["weight_averaging"]?.DeepClone(),
            ["shift_views"] = metadata.ContainsKey("shift_views"),
            ["limit"] = old["limit"]?.DeepClone(),
            ["ensemble"] = (int?)metadata["ensemble"]?["members"] ?? 1,
        };
        metadata["spec"] = new JsonObject
        {
            ["recipe"] = metadata["name"]!.DeepClone(),
            ["options"] = options,
            ["dataset"] = dataset,
            ["task"] = (string?)dataset["name"] == "fashion-mnist" ? "clothing" : "digits",
            ["input"] = metadata["input"]!.DeepClone(),
            ["labels"] = metadata["labels"]!.DeepClone(),
        };
        foreach (var moved in new[] { "hyperparameters", "seed", "dataset", "input", "labels" }) metadata.Remove(moved);
        return metadata.ToJsonString();
    }

    private static string SplitOf(string method) => method switch
    {
        _ when method.StartsWith("all training images", StringComparison.Ordinal) => "test_as_validation",
        _ when method.StartsWith("stratified 80/20 of", StringComparison.Ordinal) => "stratified",
        _ when method.StartsWith("stratified 80/20;", StringComparison.Ordinal) => "stratified_holdout_as_test",
        _ => "last_ten_thousand",
    };

    private static string ScheduleOf(string description) => description switch
    {
        _ when description.StartsWith("one cycle", StringComparison.Ordinal) => "one_cycle",
        _ when description.StartsWith("reduce on plateau", StringComparison.Ordinal) => "reduce_on_plateau",
        _ => "constant",
    };
}
