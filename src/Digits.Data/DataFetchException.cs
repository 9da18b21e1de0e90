using Digits.Core.Data;
namespace Digits.Data;

/// <summary>A data set could not be obtained; the message says what is missing and how to fix it.</summary>
public sealed class DataFetchException(string message) : Exception(message);
