using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>Runs a TorchSharp model in evaluation mode and returns softmax probabilities.</summary>
public static class Inference
{
    // Small enough that activations stay under the heap threshold set in TorchSetup (no page faults per batch).
    private const int EvaluationBatch = 256;

    /// <returns>Row-major probabilities, one row of 10 per input.</returns>
    public static float[] Probabilities(nn.Module<Tensor, Tensor> model, Tensor inputs)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            var count = inputs.shape[0];
            var rows = new List<float>((int)count * 10);
            for (long start = 0; start < count; start += EvaluationBatch)
            {
                using var scope = NewDisposeScope();
                var batch = inputs.narrow(0, start, Math.Min(EvaluationBatch, count - start));
                rows.AddRange(DigitProbabilities(model.forward(batch)).data<float>().ToArray());
            }
            return rows.ToArray();
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>Per row, each digit's probability; for a network that also answers "not one digit", given that the input is one.</summary>
    public static Tensor DigitProbabilities(Tensor logits) =>
        nn.functional.softmax(logits.narrow(1, 0, Architectures.Shapes.Classes), 1);
}
