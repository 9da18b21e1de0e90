using Digits.Data;
using Digits.Core.Data;

namespace Digits.Training.Tests;

/// <summary>The real MNIST files, fetched once by the project's own fetcher into the shared data cache.</summary>
public sealed class MnistFixture
{
    public MnistFixture()
    {
        Fetcher = DatasetFetcher.InDataDirectory();
        Fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Mnist));
        Fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Digits8x8));
    }

    public DatasetFetcher Fetcher { get; }
}

[CollectionDefinition(nameof(MnistCollection))]
public sealed class MnistCollection : ICollectionFixture<MnistFixture>;
