using System.Text.RegularExpressions;

namespace Digits.Core.Models;

/// <summary>NAME or NAME@VERSION, validated so that it can never point outside the models folder.</summary>
public sealed partial record ModelReference(string Name, string? Version)
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex SafeName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SafeVersion();

    public static bool TryParse(string text, out ModelReference reference, out string error)
    {
        reference = new ModelReference("", null);
        var parts = text.Split('@');
        if (parts.Length > 2)
        {
            error = $"'{text}' has more than one '@'; use NAME or NAME@VERSION.";
            return false;
        }
        if (!SafeName().IsMatch(parts[0]) || parts[0].Contains("..")
            || parts.Length == 2 && (!SafeVersion().IsMatch(parts[1]) || parts[1].Contains("..")))
        {
            error = $"'{text}' is not a valid model reference: use NAME (lower-case letters, digits, '-', '.', '_') or NAME@VERSION.";
            return false;
        }
        reference = new ModelReference(parts[0], parts.Length == 2 ? parts[1] : null);
        error = "";
        return true;
    }

    public static ModelReference Parse(string text) =>
        TryParse(text, out var reference, out var error) ? reference : throw new ArgumentException(error);

    public override string ToString() => Version is null ? Name : $"{Name}@{Version}";
}
