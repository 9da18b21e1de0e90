using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Digits.Training.Architectures;

/// <summary>
/// Models of the same recipe trained with different seeds (each calibrated on its own validation images),
/// averaging their probabilities. Returns the log of the average divided by the ensemble's temperature (1 unless
/// one was fitted to the whole), so that softmax of its output (as for any model here) is the average probability.
/// </summary>
public sealed class Ensemble : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> members;

    public Ensemble(IReadOnlyList<nn.Module<Tensor, Tensor>> models) : base(nameof(Ensemble))
    {
        members = new ModuleList<nn.Module<Tensor, Tensor>>([.. models]);
        RegisterComponents();
    }

    public IReadOnlyList<nn.Module<Tensor, Tensor>> Members => [.. members];

    /// <summary>1 until <see cref="ModelCalibration"/> fits one on validation data.</summary>
    public double Temperature { get; set; } = 1;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var probabilities = stack(members.Select(m => nn.functional.softmax(m.forward(input), 1)), dim: 0);
        return (probabilities.mean([0]).log() / Temperature).MoveToOuterDisposeScope();
    }
}
