using Digits.Core.Models;
using Digits.Tests.Shared;
using static TorchSharp.torch;

namespace Digits.Training.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    private static nn.Module<Tensor, Tensor> Layer(float weight)
    {
        var layer = nn.Linear(2, 1);
        using var noGrad = no_grad();
        foreach (var parameter in layer.parameters()) parameter.fill_(weight);
        return layer;
    }

    private static float Weight(nn.Module<Tensor, Tensor> model) => model.parameters().First()[0, 0].item<float>();

    private static TrainingState State(int epochs) => TrainingState.Initial(0.1) with { EpochsDone = epochs, BestEpoch = epochs };

    [Fact]
    public void A_saved_epoch_loads_back_into_fresh_models()
    {
        var checkpoint = new Checkpoint(_folder.File("cp"));
        checkpoint.Start(Plans.Of("mlp").Spec);
        using var model = Layer(2);
        var optimizer = optim.Adam(model.parameters());
        checkpoint.SaveEpoch(model, optimizer, average: null, State(3), isBest: true);
        using (var noGrad = no_grad()) model.parameters().First().fill_(9);
        checkpoint.SaveEpoch(model, optimizer, average: null, State(4), isBest: false);

        using var last = Layer(0);
        checkpoint.LoadLast(last, optim.Adam(last.parameters()), average: null);
        using var best = Layer(0);
        checkpoint.LoadBest(best);
        Assert.Equal(9, Weight(last));
        Assert.Equal(2, Weight(best));
        Assert.Equal(4, checkpoint.ReadState().EpochsDone);
        Assert.Equal("mlp", checkpoint.ReadSpec().Recipe);
    }

    [Fact]
    public void A_finished_member_keeps_only_its_final_weights()
    {
        var checkpoint = new Checkpoint(_folder.File("cp")).Member(0);
        checkpoint.Reset();
        using var model = Layer(5);
        checkpoint.SaveEpoch(model, optim.Adam(model.parameters()), average: null, State(1), isBest: true);
        checkpoint.SaveFinished(model, new FinishedMember(7, 1.5, State(1)));

        Assert.True(checkpoint.IsFinished);
        Assert.False(checkpoint.HasEpochs);
        using var loaded = Layer(0);
        var member = checkpoint.LoadFinished(loaded);
        Assert.Equal(5, Weight(loaded));
        Assert.Equal((7, 1.5), (member.Seed, member.Temperature));
    }

    [Fact]
    public void Starting_afresh_forgets_the_saved_epochs()
    {
        var checkpoint = new Checkpoint(_folder.File("cp"));
        checkpoint.Start(Plans.Of("mlp").Spec);
        using var model = Layer(1);
        checkpoint.SaveEpoch(model, optim.Adam(model.parameters()), average: null, State(1), isBest: true);
        checkpoint.Start(Plans.Of("cnn").Spec);
        Assert.False(checkpoint.HasEpochs);
        Assert.Equal("cnn", checkpoint.ReadSpec().Recipe);
        checkpoint.Delete();
        Assert.False(checkpoint.Exists);
    }

    [Fact]
    public void A_kill_during_a_save_leaves_the_previous_epoch_whole()
    {
        var checkpoint = new Checkpoint(_folder.File("cp"));
        checkpoint.Start(Plans.Of("mlp").Spec);
        using var model = Layer(3);
        checkpoint.SaveEpoch(model, optim.Adam(model.parameters()), average: null, State(1), isBest: true);
        // Killed while writing epoch 2, and after its folder was complete but before the manifest pointed to it.
        var partial = Directory.CreateDirectory(_folder.File("cp/.epoch-2.0123.tmp")).FullName;
        File.WriteAllText(Path.Combine(partial, "last.bin"), "torn");
        var unannounced = Directory.CreateDirectory(_folder.File("cp/epoch-2")).FullName;
        File.WriteAllText(Path.Combine(unannounced, "state.json"), "{}");

        Assert.Equal(1, checkpoint.ReadState().EpochsDone);
        using var last = Layer(0);
        checkpoint.LoadLast(last, optim.Adam(last.parameters()), average: null);
        Assert.Equal(3, Weight(last));

        checkpoint.SaveEpoch(model, optim.Adam(model.parameters()), average: null, State(2), isBest: false);
        Assert.Equal(2, checkpoint.ReadState().EpochsDone);
        Assert.Equal(["epoch-2"], Directory.GetDirectories(_folder.File("cp")).Select(Path.GetFileName).Order());
    }

    public void Dispose() => _folder.Dispose();
}
