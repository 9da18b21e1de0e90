using Digits.Data;
using System.Text.Json;
using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Training;
using Digits.TrainingBenchmarks;

// Trains our recipes over several seeds and their ablations, and writes OUT/training.jsonl and OUT/training.md.
// usage: --out DIR [--seeds N] [--smoke] [--no-champion-ablations] [--continue]
// --continue keeps the runs OUT/training.jsonl already records (an interrupted benchmark) and trains only the others.
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? throw new ArgumentException("--out DIR is required.");
var smoke = args.Contains("--smoke");
var seeds = int.Parse(args.SkipWhile(a => a != "--seeds").Skip(1).FirstOrDefault() ?? (smoke ? "2" : "3"));
var championAblations = !args.Contains("--no-champion-ablations");
Directory.CreateDirectory(output);
var log = Path.Combine(output, "training.jsonl");
var results = args.Contains("--continue") && File.Exists(log)
    ? File.ReadLines(log).Where(line => line.Length > 0).Select(line => JsonSerializer.Deserialize<RunResult>(line)!).ToList()
    : [];
File.WriteAllLines(log, results.Select(r => JsonSerializer.Serialize(r)));
var fetcher = DatasetFetcher.InDataDirectory(log: Console.WriteLine);
fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Mnist));

TrainedModel Train(ModelRecipe recipe, int seed, int members, string store)
{
    var options = recipe.Options with { Seed = seed, Ensemble = members, Limit = smoke ? 500 : null, Epochs = smoke ? 1 : recipe.Options.Epochs };
    var run = new TrainingRun(new ModelStore(store), fetcher);
    run.EpochCompleted += (r, _) => Console.WriteLine($"    epoch {r.Epoch}: val {r.ValAccuracy:P2}, {r.Seconds:F1} s");
    return run.Run(TrainingPlan.Create(recipe, options), CancellationToken.None) ?? throw new OperationCanceledException();
}

void Record(RunResult result)
{
    results.Add(result);
    File.AppendAllText(log, JsonSerializer.Serialize(result) + "\n");
    Console.WriteLine($"  {result.Recipe} / {result.Ablation} / seed {result.Seed}: {result.TestAccuracy:P2} in {result.TrainSeconds:F0} s");
}

bool Recorded(string recipe, string ablation, int seed, int members = 1) =>
    results.Any(r => r.Recipe == recipe && r.Ablation == ablation && r.Seed == seed && r.Members == members);

void Ablate(ModelRecipe recipe, IEnumerable<Ablation> ablations, int runs)
{
    foreach (var ablation in ablations)
        for (var seed = 1; seed <= runs; seed++)
        {
            if (Recorded(recipe.Id, ablation.Name, seed)) continue;
            var scratch = Directory.CreateTempSubdirectory("digits-ablation-").FullName;
            try
            {
                var m = Train(ablation.Apply(recipe), seed, 1, scratch).Metadata;
                Record(new RunResult(recipe.Id, ablation.Name, seed, m.Metrics.Test.Accuracy, m.TrainSeconds, m.EpochsRun));
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
}

var quick = Recipes.Get("champion-quick");
var champion = Recipes.Get("champion");
Console.WriteLine($"== {quick.Id}: every ablation, {seeds} seeds");
Ablate(quick, Ablation.For(quick), seeds);

var ensembleName = $"ensemble of {seeds}";
if (!Recorded(champion.Id, ensembleName, 1, seeds))
{
    Console.WriteLine($"== {champion.Id}: an ensemble of {seeds}, seeds 1 to {seeds}, kept in {output}/models");
    var ensemble = Train(champion, 1, seeds, Path.Combine(output, "models")).Metadata;
    var summary = ensemble.Ensemble!;
    for (var i = 0; i < summary.Members; i++)
        Record(new RunResult(champion.Id, Ablation.AsIs.Name, summary.Seeds[i], summary.MemberTestAccuracy[i], summary.MemberTrainSeconds[i], ensemble.EpochsRun));
    Record(new RunResult(champion.Id, ensembleName, 1, ensemble.Metrics.Test.Accuracy, ensemble.TrainSeconds, ensemble.EpochsRun, summary.Members));
}

if (championAblations)
{
    Console.WriteLine($"== {champion.Id}: ablations, one seed each");
    Ablate(champion, Ablation.For(champion).Skip(1), 1);
}

File.WriteAllText(Path.Combine(output, "training.md"), TrainingReport.Markdown(results, smoke));
Console.WriteLine($"Done: {Path.Combine(output, "training.md")}");
