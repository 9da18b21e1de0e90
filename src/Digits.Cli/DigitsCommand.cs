using System.CommandLine;
using Digits.Cli.Commands;

namespace Digits.Cli;

/// <summary>The `digits` command and all its subcommands.</summary>
public static class DigitsCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Digits: train, evaluate, export and serve handwritten digit recognizers.")
        {
            CommonOptions.DataDirectory,
            CommonOptions.ModelsDirectory,
        };
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(ReadCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(FeedbackCommand.Create());
        root.Subcommands.Add(UpCommand.Create());
        return root;
    }
}
