using Digits.Core.Data;
namespace Digits.Data;

/// <summary>The train and test halves of a data set as shipped (the 8x8 digits come as one set).</summary>
public sealed record DatasetParts(DatasetInfo Info, LabeledImages Train, LabeledImages? Test);

public static class DatasetLoader
{
    public static DatasetParts Load(DatasetFetcher fetcher, DatasetInfo dataset)
    {
        var missing = fetcher.MissingFiles(dataset);
        if (missing.Count > 0)
            throw new DataFetchException(
                $"{dataset.Name} is not in {fetcher.DatasetDirectory(dataset)} (missing or damaged: " +
                $"{string.Join(", ", missing.Select(f => f.Name))}). Run './digits data fetch {dataset.Name}'.");
        if (!dataset.IsIdx)
            return new DatasetParts(dataset, Digits8x8CsvReader.Read(fetcher.PathOf(dataset, dataset.Files[0].Name)), null);
        string PathOf(int index) => fetcher.PathOf(dataset, dataset.Files[index].Name);
        return new DatasetParts(dataset,
            IdxReader.ReadPair(PathOf(0), PathOf(1)),
            IdxReader.ReadPair(PathOf(2), PathOf(3)));
    }
}
