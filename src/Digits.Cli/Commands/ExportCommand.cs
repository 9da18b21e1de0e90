using System.CommandLine;
using Digits.Training;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits export [--model NAME[@VERSION]]`: writes model.onnx again from the saved weights.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "NAME or NAME@VERSION (default: the newest model)" };
        var command = new Command("export", "Export a saved model to ONNX (model.onnx in its folder)") { model };
        command.SetAction(result => Failures.Guard(() =>
        {
            var store = CommonOptions.Store(result);
            var folder = store.Resolve(result.GetValue(model));
            var file = ModelExport.Export(folder, store.ReadMetadata(folder));
            AnsiConsole.MarkupLineInterpolated($"[green]Wrote[/] {file} ({new FileInfo(file).Length / 1024.0:F0} KB)");
            return 0;
        }));
        return command;
    }
}
