namespace Digits.Core.Data;

/// <summary>A data file is malformed; the message names the file and what is wrong with it.</summary>
public sealed class DataFormatException(string path, string problem)
    : Exception($"{path}: {problem}")
{
    public string FilePath { get; } = path;
}
