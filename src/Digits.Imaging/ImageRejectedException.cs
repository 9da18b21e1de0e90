using Digits.Core.Models;
namespace Digits.Imaging;

public enum ImageProblem
{
    /// <summary>Not an image format Digits reads (HTTP 415).</summary>
    Unsupported,
    /// <summary>A readable format but damaged, absurdly large or empty of ink (HTTP 400).</summary>
    Invalid,
}

/// <summary>An input image that cannot be turned into a digit; the message says why in words a person can act on.</summary>
public sealed class ImageRejectedException(ImageProblem problem, string message) : Exception(message)
{
    public ImageProblem Problem { get; } = problem;
}
