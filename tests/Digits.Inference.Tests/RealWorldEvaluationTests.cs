using Digits.Core.Data;
using Digits.Data;
using Digits.Imaging.RealWorld;
using Digits.Tests.Shared;

namespace Digits.Inference.Tests;

public sealed class RealWorldEvaluationTests
{
    [Fact]
    public void Every_kind_is_measured_through_the_serving_path_with_its_review_figures()
    {
        using var model = TrainedModels.LoadCnn();
        var mnist = DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!;
        var scans = DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Digits8x8)).Train;
        var set = RealWorldSet.Build(mnist, scans, fontFiles: [], share: 0.1);

        var measured = RealWorldEvaluation.Evaluate(model, set, RealWorldSet.DefaultSeed);

        Assert.Equal(["speckled_photo", "faint_photo", "compressed_photo", "distorted_photo", "scan8x8", "canvas_strokes"], measured.Kinds.Keys);
        Assert.Equal(set.Count, measured.Kinds.Values.Sum(k => k.Images));
        Assert.InRange(measured.Accuracy, 0.6, 1);
        Assert.All(measured.Kinds.Values, k => Assert.InRange(k.Flagged, 0, 1));
        Assert.True(measured.UnflaggedAccuracy >= measured.Accuracy, "the answers not flagged should be right more often than all of them");
    }
}
