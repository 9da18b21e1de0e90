namespace Digits.Core.Models;

/// <summary>A picture of a model's report, a file in its folder.</summary>
/// <param name="Wide">Drawn across the page rather than beside the others.</param>
public sealed record ReportPicture(string File, string Caption, bool Wide = false);

/// <summary>The pictures every report has, for the training side that draws them and the server and page that show them.</summary>
public static class ReportPictures
{
    public static ReportPicture Accuracy { get; } = new("accuracy.png", "Training and validation accuracy per epoch");
    public static ReportPicture Loss { get; } = new("loss.png", "Training and validation loss per epoch");
    public static ReportPicture Confusion { get; } = new("confusion_matrix.png", "Confusion matrix of the test set");
    public static ReportPicture Reliability { get; } = new("reliability.png", "Reliability diagram: accuracy against confidence");
    public static ReportPicture Misclassified { get; } = new("misclassified.png", "Misclassified test images with their true and predicted labels", Wide: true);

    public static IReadOnlyList<ReportPicture> All { get; } = [Accuracy, Loss, Confusion, Reliability, Misclassified];
}
