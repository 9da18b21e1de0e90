using System.CommandLine;
using System.Text.Json;
using Digits.Core.Models;
using Digits.Imaging;
using Digits.Inference;
using Digits.Inference.Reading;
using Digits.Server.Api;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits read FILE... [--length N] [--json]`: whole numbers, the same answer as POST /read, without a server.</summary>
public static class ReadCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Images of numbers (PNG, JPEG, BMP, GIF, WebP)", Arity = ArgumentArity.OneOrMore };
        var length = new Option<int?>("--length") { Description = "How many digits each number has, when the form says" };
        length.Validators.Add(r =>
        {
            if (r.GetValue(length) is < 1 or > ReadApi.LongestNumber) r.AddError($"--length must be a number of digits from 1 to {ReadApi.LongestNumber}.");
        });
        var command = new Command("read", "Read the whole number in each image file") { files, length, CommonOptions.Model, CommonOptions.Json };
        command.SetAction(result => Failures.Guard(() =>
        {
            using var registry = new ModelRegistry(CommonOptions.Store(result).Root);
            var onnx = CommonOptions.ImageModel(registry, result.GetValue(CommonOptions.Model));
            var table = new Table().AddColumns("file", "text", "confidence", "digits", "review", "model");
            var failures = 0;
            var outputs = new List<FileReading>();
            foreach (var file in result.GetValue(files)!)
            {
                try
                {
                    var reading = ReadResponse.From(NumberReader.Read(onnx, File.ReadAllBytes(file.FullName), result.GetValue(length)), id: null);
                    outputs.Add(new FileReading(file.Name, reading));
                    var digits = string.Join(" ", reading.Digits.Select(d => d.NeedsReview ? $"[yellow]{d.Digit}:{d.Confidence:P0}[/]" : $"{d.Digit}:{d.Confidence:P0}"));
                    table.AddRow(Markup.Escape(file.Name), $"[bold]{reading.Text}[/]", $"{reading.Confidence:P1}", digits,
                        reading.NeedsReview ? "[yellow]needs review[/]" : "", reading.Model);
                }
                catch (Exception e) when (e is ImageRejectedException or IOException)
                {
                    failures++;
                    outputs.Add(new FileReading(file.Name, Error: e.Message));
                    table.AddRow(Markup.Escape(file.Name), "[red]-[/]", "", "", "", Markup.Escape(e.Message));
                }
            }
            if (result.GetValue(CommonOptions.Json)) Console.WriteLine(JsonSerializer.Serialize(outputs, DigitsJson.Options));
            else AnsiConsole.Write(table);
            return failures == 0 ? 0 : 1;
        }));
        return command;
    }
}

/// <summary>One file's answer: the API's own reading record, or why the file could not be read.</summary>
public sealed record FileReading(string File, ReadResponse? Result = null, string? Error = null);
