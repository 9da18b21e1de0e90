using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>
/// An exponential moving average of a model's weights and batch-norm statistics, updated after every
/// optimizer step. The average generalizes better than the last weights of a noisy run, at no cost per batch
/// beyond one multiply-add per weight. Its decay ramps up from 0 (as (1 + t) / (10 + t)) so that the average
/// does not remember the random initialization.
/// </summary>
public sealed class WeightAverage(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor> average, double decay)
{
    private long _updates;
    private (Tensor Averaged, Tensor Current)[] _pairs = [];

    public nn.Module<Tensor, Tensor> Model => average;

    public void Start(long updatesSoFar)
    {
        _updates = updatesSoFar;
        if (updatesSoFar == 0) CopyTo(model, average);
        // Training updates these tensors in place, so they are paired once rather than looked up every batch.
        var current = model.state_dict();
        _pairs = average.state_dict().Select(entry => (entry.Value, current[entry.Key])).ToArray();
    }

    public void Update()
    {
        _updates++;
        var rate = Math.Min(decay, (1.0 + _updates) / (10.0 + _updates));
        using var noGrad = no_grad();
        foreach (var (averaged, current) in _pairs)
        {
            if (averaged.is_floating_point()) averaged.mul_(rate).add_(current, alpha: 1 - rate);
            else averaged.copy_(current);
        }
    }

    public static void CopyTo(nn.Module<Tensor, Tensor> from, nn.Module<Tensor, Tensor> to)
    {
        using var noGrad = no_grad();
        var source = from.state_dict();
        foreach (var (name, target) in to.state_dict()) target.copy_(source[name]);
    }
}
