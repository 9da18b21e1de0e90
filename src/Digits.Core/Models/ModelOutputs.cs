namespace Digits.Core.Models;

/// <summary>The names of what a model file returns.</summary>
public static class ModelOutputs
{
    /// <summary>Per input, the probability of each class (of each digit, given that the input is one).</summary>
    public const string Probabilities = "probabilities";
    /// <summary>Per input, the probability that it is not one digit: a model trained with <see cref="TrainingOptions.NotDigits"/> returns it too.</summary>
    public const string NotOneDigit = "not_one_digit";
}
