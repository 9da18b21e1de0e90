using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>A network and the options its seed document (or, for our own models, its ablation) specifies.</summary>
/// <param name="Id">What the spec of every model it builds names; also the name a model trained on its default data set is published under.</param>
public sealed record ModelRecipe(
    string Id,
    string Description,
    Func<int, nn.Module<Tensor, Tensor>> Create,
    string DefaultDataset,
    TrainingOptions Options)
{
    public ModelInput Input => DatasetCatalog.Get(DefaultDataset).Input;

    /// <summary>An untrained network with the outputs <paramref name="options"/> train.</summary>
    public nn.Module<Tensor, Tensor> Network(TrainingOptions options) => Create(Shapes.Outputs(options));

    /// <summary>An untrained instance shaped like a saved model of this recipe: one network or an ensemble of them, with their temperatures.</summary>
    public nn.Module<Tensor, Tensor> CreateFor(ModelMetadata metadata)
    {
        var model = metadata.Ensemble is { } ensemble
            ? new Ensemble(Enumerable.Range(0, ensemble.Members).Select(i => Calibrated(Network(metadata.Spec.Options), ensemble.MemberTemperatures?[i])).ToArray())
            : Network(metadata.Spec.Options);
        var calibrated = Calibrated(model, metadata.Temperature);
        return metadata.ShiftViews is null ? calibrated : new ShiftViews(calibrated);
    }

    private static nn.Module<Tensor, Tensor> Calibrated(nn.Module<Tensor, Tensor> model, double? temperature)
    {
        if (temperature is { } fitted) ModelCalibration.Apply(model, fitted);
        return model;
    }
}
