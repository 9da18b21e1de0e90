using Digits.Cli;

return await DigitsCommand.Create().Parse(args).InvokeAsync();
