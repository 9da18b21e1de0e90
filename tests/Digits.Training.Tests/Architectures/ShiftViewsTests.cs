using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training.Tests.Architectures;

public sealed class ShiftViewsTests
{
    [Fact]
    public void The_views_are_the_image_and_its_one_pixel_shifts_right_left_down_and_up_with_the_edge_cleared()
    {
        using var image = zeros(2, 1, 28, 28);
        image[0, 0, 10, 12] = tensor(1f);
        image[1, 0, 5, 27] = tensor(1f);

        using var views = ShiftViews.Views(image);

        Assert.Equal(new long[] { 10, 1, 28, 28 }, views.shape);
        (int Y, int X)[] expected = [(10, 12), (10, 13), (10, 11), (11, 12), (9, 12)];
        for (var view = 0; view < ShiftViews.Count; view++)
        {
            var firstImage = views[2 * view, 0];
            Assert.Equal(1f, firstImage.sum().item<float>());
            Assert.Equal(1f, firstImage[expected[view].Y, expected[view].X].item<float>());
        }
        // The second image's pixel sits on the right edge: shifted right, it leaves the image instead of wrapping round.
        Assert.Equal(0f, views[2 * 1 + 1].sum().item<float>());
        Assert.Equal(1f, views[2 * 2 + 1, 0, 5, 26].item<float>());
    }

    [Fact]
    public void The_answer_is_the_average_of_the_models_probabilities_over_the_views()
    {
        random.manual_seed(3);
        var model = ConvBnNet.Build(Shapes.Classes, 4, ConvStage.Pool, 8);
        model.eval();
        using var images = rand(3, 1, 28, 28);
        using var noGrad = no_grad();

        using var averaged = nn.functional.softmax(new ShiftViews(model).forward(images), 1);

        using var views = ShiftViews.Views(images);
        using var perView = nn.functional.softmax(model.forward(views), 1).reshape(ShiftViews.Count, 3, 10);
        using var expected = perView.mean([0]);
        Assert.True(averaged.allclose(expected, rtol: 1e-5, atol: 1e-6));
    }
}
