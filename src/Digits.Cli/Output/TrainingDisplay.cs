using System.Globalization;
using Digits.Core.Models;
using Digits.Training;
using Spectre.Console;

namespace Digits.Cli.Output;

/// <summary>
/// Shows a run as it goes: a live bar per epoch with loss, accuracy and time left, which stays behind as that
/// epoch's line once it completes. Without a terminal (CI, pipes) it prints one plain line per epoch.
/// </summary>
public static class TrainingDisplay
{
    /// <param name="train">Starts the run (or resumes it) once the display listens to it.</param>
    public static TrainedModel? Run(TrainingRun run, Func<TrainedModel?> train)
    {
        run.Message += message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]");
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            run.EpochCompleted += (record, improved) => Console.WriteLine(EpochLine(record, improved));
            return train();
        }

        TrainedModel? result = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask? current = null;
                run.BatchCompleted += progress =>
                {
                    if (current is null || progress.Batch == 1)
                        current = context.AddTask($"epoch {progress.Epoch}/{progress.Epochs}", maxValue: progress.Batches);
                    current.Value = progress.Batch;
                    if (progress.Batch % 10 == 0 || progress.Batch == progress.Batches)
                        current.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                            $"epoch {progress.Epoch}/{progress.Epochs}  loss {progress.Loss:F4}  acc {progress.Accuracy:P2}"));
                };
                run.EpochCompleted += (record, improved) =>
                {
                    if (current is null) return;
                    current.Description = EpochLine(record, improved);
                    current.StopTask();
                    current = null;
                };
                result = train();
            });
        return result;
    }

    private static string EpochLine(EpochRecord r, bool improved) => Markup.Escape(string.Create(CultureInfo.InvariantCulture,
        $"epoch {r.Epoch,3}  loss {r.TrainLoss:F4}  acc {r.TrainAccuracy:P2}  val_loss {r.ValLoss:F4}  val_acc {r.ValAccuracy:P2}  {r.Seconds,5:F1}s{(improved ? "  *best" : "")}"));
}
