using Digits.Data;
using Digits.Core.Data;
using Digits.Imaging;
using Digits.Core.Models;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>A labelled set as tensors: inputs (N x 1 x 28 x 28 or N x 64) and int64 labels.</summary>
public sealed class TensorSet(LabeledImages images, bool asImages) : IDisposable
{
    public LabeledImages Images { get; } = images;
    public Tensor Inputs { get; } = tensor(ModelInputEncoding.Encode(images),
        asImages ? [images.Count, 1, images.Rows, images.Columns] : [images.Count, images.PixelsPerImage]);
    public Tensor Labels { get; } = tensor(images.Labels.Select(l => (long)l).ToArray());
    public int Count => Images.Count;

    public void Dispose()
    {
        Inputs.Dispose();
        Labels.Dispose();
    }
}

/// <summary>Train, validation and test sets divided as the recipe specifies.</summary>
public sealed class DataSplit : IDisposable
{
    private DataSplit(TensorSet train, TensorSet validation, TensorSet test, SplitSizes sizes)
    {
        Train = train;
        Validation = validation;
        Test = test;
        Sizes = sizes;
    }

    public TensorSet Train { get; }
    public TensorSet Validation { get; }
    public TensorSet Test { get; }
    public SplitSizes Sizes { get; }

    /// <param name="options">Its split method, seed and training image limit are used.</param>
    /// <param name="validationBlock">
    /// Which block of training images a <see cref="SplitMethod.LastTenThousand"/> split validates on, counted from
    /// the end (ensemble members each take their own, so that together they learn from every training image).
    /// The other splits ignore it; the test set never changes.
    /// </param>
    public static DataSplit Create(DatasetParts data, TrainingOptions options, int validationBlock = 0)
    {
        const double holdoutFraction = 0.2;
        const int tailHoldout = 10_000;
        LabeledImages train, validation, test;
        string method;
        switch (options.Split)
        {
            case SplitMethod.TestAsValidation:
                (train, validation, test) = (data.Train, RequireTest(data), RequireTest(data));
                method = "all training images; the test set validates";
                break;
            case SplitMethod.LastTenThousand:
                var block = Splits.Block(data.Train.Count, Math.Min(tailHoldout, data.Train.Count / 6), validationBlock);
                (train, validation, test) = (data.Train.Select(block.Train), data.Train.Select(block.Holdout), RequireTest(data));
                method = block.Holdout[^1] == data.Train.Count - 1
                    ? "last training images validate; test set held out"
                    : $"training images {block.Holdout[0]:N0} to {block.Holdout[^1]:N0} validate; test set held out";
                break;
            case SplitMethod.Stratified:
                var stratified = Splits.Stratified(data.Train.Labels, holdoutFraction, options.Seed);
                (train, validation, test) = (data.Train.Select(stratified.Train), data.Train.Select(stratified.Holdout), RequireTest(data));
                method = "stratified 80/20 of the training images; test set held out";
                break;
            case SplitMethod.StratifiedHoldoutAsTest:
                var holdout = Splits.Stratified(data.Train.Labels, holdoutFraction, options.Seed);
                (train, validation) = (data.Train.Select(holdout.Train), data.Train.Select(holdout.Holdout));
                test = validation;
                method = "stratified 80/20; the 20 % validates and tests";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options));
        }
        if (options.Limit is { } n) train = train.Take(n);
        var asImages = data.Info.Input.IsImage;
        return new DataSplit(new TensorSet(train, asImages), new TensorSet(validation, asImages), new TensorSet(test, asImages),
            new SplitSizes(train.Count, validation.Count, test.Count, method));
    }

    /// <summary>A split made by the caller (fine-tuning mixes its own).</summary>
    public static DataSplit Of(LabeledImages train, LabeledImages validation, LabeledImages test, string method, bool asImages = true) =>
        new(new TensorSet(train, asImages), new TensorSet(validation, asImages), new TensorSet(test, asImages),
            new SplitSizes(train.Count, validation.Count, test.Count, method));

    private static LabeledImages RequireTest(DatasetParts data) =>
        data.Test ?? throw new InvalidOperationException($"{data.Info.Name} has no test set.");

    public void Dispose()
    {
        Train.Dispose();
        Validation.Dispose();
        Test.Dispose();
    }
}
