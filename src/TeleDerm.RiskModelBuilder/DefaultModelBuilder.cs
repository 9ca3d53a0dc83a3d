using System.Globalization;
using System.Text.Json;
using TeleDerm.Inference;
using TeleDerm.Inference.Models;
using TeleDerm.RiskModelBuilder.Features;
using TeleDerm.RiskModelBuilder.Training;
using TeleDerm.RiskScoring;

namespace TeleDerm.RiskModelBuilder;

/// <summary>Computes features, cross-validates, fits the final head and produces the model bytes and card.</summary>
internal static class DefaultModelBuilder
{
    public const string ModelName = "teleDerm-dermoscopy-features-v1";
    public const string CardName = "teleDerm-dermoscopy-features";
    private const int Folds = 5;
    private const double SensitivityForIntermediate = 0.95;
    private const double SpecificityForHigh = 0.90;

    public static readonly ImageInputSpec ImageSpec = new(RiskModelGraph.ImageInput, DermoscopicFeatures.Size, DermoscopicFeatures.Size,
        TensorLayout.NCHW, new Normalization(1.0 / 255, [0, 0, 0], [1, 1, 1]));

    public sealed record Built(byte[] Model, string CardJson, ModelCard Card);

    public static Built Build(BuilderOptions options, TextWriter log)
    {
        IReadOnlyList<LabelledImage> all = [.. LabelledImages.Read(options.DataFolder).Where((_, i) => i % options.Every == 0)];
        var (featureModel, imageFeatureNames) = RiskModelGraph.FeatureModel();
        log.WriteLine($"computing {imageFeatureNames.Count} features of {all.Count} images through ONNX Runtime...");
        double[][] features = FeatureTable.Compute(featureModel, all, ImageSpec, RiskModelGraph.FeaturesOutput);

        int[] everyone = [.. Enumerable.Range(0, all.Count)];
        int[] clean = [.. everyone.Where(i => !LabelledImages.CorruptedIsicIds.Contains(all[i].IsicId))];
        bool[] cleanLabels = [.. clean.Select(i => all[i].Melanoma)];
        for (int f = 0; f < imageFeatureNames.Count; f++)
        {
            // Alone, as a score in either direction: how much each feature separates on its own.
            double auc = Roc.Auc([.. clean.Select(i => features[i][f])], cleanLabels);
            log.WriteLine($"  {imageFeatureNames[f],-28} AUC alone {Math.Max(auc, 1 - auc):F3}");
        }
        var results = new List<ValidationResult>();
        CrossValidationResult? chosen = null;
        foreach (var (subsetName, subset) in new[] { ("all images", everyone), ("without the 12 corrupted stripe images", clean) })
        {
            bool[] labels = [.. subset.Select(i => all[i].Melanoma)];
            foreach (bool withAge in new[] { false, true })
            {
                var cv = CrossValidation.Run(subset.Length, labels, (train, test) =>
                {
                    double median = AgeMedian(train.Select(t => all[subset[t]]));
                    return ([.. train.Select(t => Row(features[subset[t]], all[subset[t]], withAge, median))],
                            [.. test.Select(t => Row(features[subset[t]], all[subset[t]], withAge, median))]);
                }, options.C, Folds, options.Repeats, options.Seed);
                string name = $"{(withAge ? "image + age" : "image only")}, {subsetName}";
                log.WriteLine($"{name}: AUC {cv.MeanAuc:F3} ± {cv.AucSd:F3} ({cv.Folds} folds)");
                results.Add(new ValidationResult(name, $"{options.Repeats}× repeated stratified {Folds}-fold cross-validation, L2 logistic regression C = {options.C.ToString(CultureInfo.InvariantCulture)}; mean ± sd of fold AUCs",
                    subset.Length, labels.Count(l => l), Round(cv.MeanAuc), Round(cv.AucSd)));
                if (withAge && subset == clean) chosen = cv;
            }
        }

        // The served model: image + age, fitted on every clean image; bands from out-of-fold predictions.
        LabelledImage[] training = [.. clean.Select(i => all[i])];
        bool[] trainingLabels = [.. training.Select(t => t.Melanoma)];
        double ageMedian = AgeMedian(training);
        LogisticModel fitted = LogisticRegression.Fit([.. clean.Select(i => Row(features[i], all[i], true, ageMedian))], trainingLabels, options.C);
        var head = new LinearHead([.. imageFeatureNames, RiskModelGraph.AgeFeature, RiskModelGraph.AgeMissingFeature],
            fitted.Mean, fitted.Std, fitted.Weights, fitted.Intercept,
            new Dictionary<string, double> { [RiskModelGraph.AgeFeature] = ageMedian });

        double[] pooled = [.. chosen!.OutOfFold.SelectMany(r => r)];
        bool[] pooledLabels = [.. chosen.OutOfFold.SelectMany(_ => trainingLabels)];
        var thresholds = Thresholds(pooled, pooledLabels);
        results.Add(new ValidationResult("image + age, without the corrupted images: out-of-fold predictions of all repeats pooled",
            "AUC of the pooled out-of-fold predictions (the thresholds' source)", training.Length, trainingLabels.Count(l => l),
            Round(Roc.Auc(pooled, pooledLabels)), null));
        foreach (var t in thresholds) log.WriteLine($"band {t.Band} from {t.MinimumRisk}: sensitivity {t.Sensitivity}, specificity {t.Specificity}");

        byte[] model = RiskModelGraph.RiskModel(head, CardName);
        ModelCard card = Card(head, thresholds, results, training.Length, trainingLabels.Count(l => l));
        string json = ModelCardReader.ToJson(card);
        ModelCardReader.Parse(json, "generated card");
        CheckGraphAgainstFit(model, training[0], ageMedian, fitted, features[clean[0]]);
        return new Built(model, json, card);
    }

    /// <summary>Image features, then (with age) the age or the training median and a missing indicator.</summary>
    internal static double[] Row(double[] imageFeatures, LabelledImage image, bool withAge, double ageMedian) =>
        withAge ? [.. imageFeatures, image.AgeYears ?? ageMedian, image.AgeYears is null ? 1 : 0] : imageFeatures;

    private static double AgeMedian(IEnumerable<LabelledImage> images)
    {
        double[] ages = [.. images.Where(i => i.AgeYears is not null).Select(i => i.AgeYears!.Value).Order()];
        return ages.Length == 0 ? 50 : ages.Length % 2 == 1 ? ages[ages.Length / 2] : (ages[ages.Length / 2 - 1] + ages[ages.Length / 2]) / 2;
    }

    private static List<OperatingThreshold> Thresholds(double[] scores, bool[] labels)
    {
        double intermediate = Round(Roc.ThresholdForSensitivity(scores, labels, SensitivityForIntermediate));
        double high = Round(Roc.ThresholdForSpecificity(scores, labels, SpecificityForHigh));
        var (sensI, specI) = Roc.At(scores, labels, intermediate);
        var (sensH, specH) = Roc.At(scores, labels, high);
        var bands = new List<OperatingThreshold> { new("low", 0, 1, 0), new("intermediate", intermediate, Round(sensI), Round(specI)) };
        if (high > intermediate) bands.Add(new("high", high, Round(sensH), Round(specH)));
        return bands;
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    private static ModelCard Card(LinearHead head, List<OperatingThreshold> thresholds, List<ValidationResult> validation, int images, int melanomas)
    {
        JsonElement[] Dims(params object[] dims) => [.. dims.Select(d => JsonSerializer.SerializeToElement(d))];
        int featureCount = head.Features.Count;
        return new ModelCard(
            Name: CardName,
            Version: RiskModelGraph.Version,
            IntendedUse: "Decision support for triage in tele-dermatology: ranks dermoscopic images of a single pigmented lesion by the risk of melanoma so that a dermatologist reads the riskiest first. Not a diagnosis; never a reason to skip a dermatologist's review. Not validated on clinical (non-dermoscopic) photos, on non-pigmented lesions, or on images other than ISIC-like dermoscopy.",
            TrainingData: $"{images} ISIC Archive dermoscopic images (CC0; 250–256 px thumbnails redistributed on GitHub, the shared dermoscopy set described in its MANIFEST.md), {melanomas} melanoma, the rest nevi and seborrheic keratoses; the 12 corrupted stripe thumbnails excluded. Age from the ISIC metadata (missing for some images).",
            Licence: "Model: MIT, as TeleDerm. Training images: CC0 1.0 (ISIC Archive).",
            Image: ImageSpec,
            MetadataInputs:
            [
                new MetadataInputSpec(MetadataKind.AgeYears, RiskModelGraph.AgeInput, "age in years, float32 [1, 1]", "NaN",
                    $"the graph replaces NaN by the training median ({head.ImputedValues[RiskModelGraph.AgeFeature].ToString(CultureInfo.InvariantCulture)} years) and sets the feature age_missing to 1"),
            ],
            Inputs:
            [
                new TensorSpec(RiskModelGraph.ImageInput, TensorElementType.Float, Dims(1, 3, DermoscopicFeatures.Size, DermoscopicFeatures.Size)),
                new TensorSpec(RiskModelGraph.AgeInput, TensorElementType.Float, Dims(1, 1)),
            ],
            Outputs:
            [
                new TensorSpec(RiskModelGraph.RiskOutput, TensorElementType.Float, Dims(1, 1)),
                new TensorSpec(RiskModelGraph.FeaturesOutput, TensorElementType.Float, Dims(1, featureCount)),
            ],
            Labels: ["not melanoma", "melanoma"],
            MalignantLabels: ["melanoma"],
            Risk: new RiskReadout(RiskModelGraph.RiskOutput, RiskReadoutKind.Probability, 0),
            Features: new FeatureOutputSpec(RiskModelGraph.FeaturesOutput, head.Features),
            Thresholds: thresholds,
            Validation: validation,
            LinearHead: head,
            Simplifications:
            [
                "Batch size fixed at one image.",
                "Colour statistics in RGB only (the opponent colour space of the notes is left out).",
                "Reflections about the centroid that leave the image count as background.",
                "Thresholds come from out-of-fold predictions of fold models and are applied to the model fitted on all clean images.",
            ],
            ImageKinds: [PhotoKind.Dermoscopic]);
    }

    /// <summary>The graph's risk must equal the fitted model's on a real image: the head is baked correctly.</summary>
    private static void CheckGraphAgainstFit(byte[] model, LabelledImage image, double ageMedian, LogisticModel fitted, double[] imageFeatures)
    {
        using var session = OnnxSessions.Open(model, new OnnxSessionSettings { IntraOpThreads = 1 });
        var outputs = session.RunFloats(new Dictionary<string, FloatTensor>
        {
            [RiskModelGraph.ImageInput] = ImageTensors.FromPhoto(File.ReadAllBytes(image.File), ImageSpec),
            [RiskModelGraph.AgeInput] = new([image.AgeYears is { } a ? (float)a : float.NaN], [1, 1]),
        }, RiskModelGraph.RiskOutput);
        double graphRisk = outputs[RiskModelGraph.RiskOutput][0];
        double expected = fitted.Predict(Row(imageFeatures, image, true, ageMedian));
        if (Math.Abs(graphRisk - expected) > 1e-4)
            throw new InvalidOperationException($"The graph gives risk {graphRisk} for {image.File}, the fitted head {expected}.");
    }
}
