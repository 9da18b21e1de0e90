using System.CommandLine;
using Digits.Imaging;
using Digits.Core.Models;
using Digits.Inference;
using Digits.Server.Api;
using System.Text.Json;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits predict FILE...`: the server's inference library, without a server.</summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Images of digits (PNG, JPEG, BMP, GIF, WebP)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("predict", "Recognize the digit in each image file") { files, CommonOptions.Model, CommonOptions.Json };
        command.SetAction(result => Failures.Guard(() =>
        {
            using var registry = new ModelRegistry(CommonOptions.Store(result).Root);
            var onnx = CommonOptions.ImageModel(registry, result.GetValue(CommonOptions.Model));
            var predictor = DigitPredictor.Direct();
            var json = result.GetValue(CommonOptions.Json);
            var table = new Table().AddColumns("file", "digit", "confidence", "review", "model");
            var failures = 0;
            var outputs = new List<FilePrediction>();
            foreach (var file in result.GetValue(files)!)
            {
                try
                {
                    var prediction = predictor.FromImage(onnx, File.ReadAllBytes(file.FullName));
                    outputs.Add(new FilePrediction(file.Name, PredictionResponse.From(prediction, id: null, includeInput: false)));
                    table.AddRow(Markup.Escape(file.Name), $"[bold]{prediction.Digit}[/]", $"{prediction.Confidence:P1}", prediction.NeedsReview ? "[yellow]needs review[/]" : "", prediction.Model);
                }
                catch (Exception e) when (e is ImageRejectedException or IOException)
                {
                    failures++;
                    outputs.Add(new FilePrediction(file.Name, Error: e.Message));
                    table.AddRow(Markup.Escape(file.Name), "[red]-[/]", "", "", Markup.Escape(e.Message));
                }
            }
            if (json) Console.WriteLine(JsonSerializer.Serialize(outputs, DigitsJson.Options));
            else AnsiConsole.Write(table);
            return failures == 0 ? 0 : 1;
        }));
        return command;
    }
}

/// <summary>One file's answer: the API's own prediction record, or why the file could not be read.</summary>
public sealed record FilePrediction(string File, PredictionResponse? Result = null, string? Error = null);
