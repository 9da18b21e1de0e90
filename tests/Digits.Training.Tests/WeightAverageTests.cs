using static TorchSharp.torch;

namespace Digits.Training.Tests;

public sealed class WeightAverageTests
{
    private static nn.Module<Tensor, Tensor> Layer() => nn.Linear(2, 1);

    private static float Weight(nn.Module<Tensor, Tensor> model) => model.parameters().First()[0, 0].item<float>();

    private static void SetWeight(nn.Module<Tensor, Tensor> model, float value)
    {
        using var noGrad = no_grad();
        model.parameters().First().fill_(value);
    }

    [Fact]
    public void A_fresh_average_starts_as_a_copy_of_the_model()
    {
        using var model = Layer();
        using var average = Layer();
        SetWeight(model, 3);
        new WeightAverage(model, average, 0.9).Start(0);
        Assert.Equal(3, Weight(average));
    }

    [Fact]
    public void Each_update_moves_the_average_part_of_the_way_to_the_model()
    {
        using var model = Layer();
        using var average = Layer();
        SetWeight(model, 0);
        var weights = new WeightAverage(model, average, 0.5);
        // Late in training the warm-up term (1 + n) / (10 + n) exceeds the decay, so the decay alone applies.
        weights.Start(1000);
        SetWeight(average, 0);
        SetWeight(model, 1);
        weights.Update();
        Assert.Equal(0.5f, Weight(average), 5);
        weights.Update();
        Assert.Equal(0.75f, Weight(average), 5);
    }

    [Fact]
    public void Early_updates_follow_the_model_closely_whatever_the_decay()
    {
        using var model = Layer();
        using var average = Layer();
        SetWeight(model, 0);
        var weights = new WeightAverage(model, average, 0.999);
        weights.Start(0);
        SetWeight(model, 1);
        weights.Update();
        Assert.Equal(1 - 2 / 11f, Weight(average), 5);
    }

    [Fact]
    public void Copying_makes_two_models_equal()
    {
        using var from = Layer();
        using var to = Layer();
        SetWeight(from, 4);
        WeightAverage.CopyTo(from, to);
        Assert.Equal(4, Weight(to));
    }
}
