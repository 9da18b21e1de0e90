using System.CommandLine;
using Digits.Feedback;
using Digits.Server;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits feedback export DIR`: the answers that got feedback, as a folder of images by label to fine-tune on.</summary>
public static class FeedbackCommand
{
    private static readonly Argument<DirectoryInfo> Folder = new("DIR") { Description = "Where to write DIR/LABEL/ID.png" };
    private static readonly Option<string?> Database = new("--feedback-db")
    {
        Description = "The server's store: a SQLite file or a postgresql:// URL (default: as 'serve' finds it, feedback.db beside the models folder)",
    };
    private static readonly Option<bool> WrongOnly = new("--wrong-only") { Description = "Only the answers feedback corrected, not those it confirmed" };

    public static Command Create()
    {
        var export = new Command("export", "Write the answers that got feedback as images by label, DIR/LABEL/ID.png (the 28x28 image the model saw), " +
                                           "for './digits train --model RECIPE --init-from NAME@VERSION --data DIR'")
        {
            Folder, Database, WrongOnly,
        };
        export.SetAction((result, cancellation) => Failures.Guard(() => Export(result, cancellation)));
        return new Command("feedback", "The answers a server kept and the feedback given on them") { export };
    }

    private static async Task<int> Export(ParseResult result, CancellationToken cancellation)
    {
        var given = new Dictionary<string, string?> { ["models_dir"] = CommonOptions.Store(result).Root };
        if (result.GetValue(Database) is { } database) given["feedback_db"] = database;
        var setting = ServerConfiguration.Load(given).FeedbackSetting;
        if (setting.Equals(FeedbackDatabase.Off, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("Feedback is switched off (feedback_db is off), so there is nothing to export.");
        if (!FeedbackDatabase.IsPostgreSql(setting) && !File.Exists(setting))
            throw new FileNotFoundException($"There is no feedback store at {setting}; give the server's with --feedback-db.");
        await using var store = (await FeedbackDatabase.OpenAsync(setting, cancellation))!;
        var folder = result.GetValue(Folder)!.FullName;
        var outcome = await FeedbackExport.WriteAsync(store, folder, result.GetValue(WrongOnly), cancellation);
        foreach (var skipped in outcome.Skipped) AnsiConsole.MarkupLineInterpolated($"[yellow]left out[/] {skipped}");
        var table = new Table().AddColumns("label", "images");
        foreach (var (label, count) in outcome.PerLabel) table.AddRow(label, count.ToString());
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"[green]Wrote[/] {outcome.Written} images from {store.Description} to {folder}");
        return 0;
    }
}
