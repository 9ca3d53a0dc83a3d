using TeleDerm.Imaging;
using TeleDerm.Imaging.Codecs;
using TeleDerm.Inference.Models;
using TeleDerm.RiskScoring;

namespace TeleDerm.RiskModel.Tests;

public sealed class RiskScorerTests : IDisposable
{
    private readonly TinyModels _models = new();

    public void Dispose() => _models.Dispose();

    /// <summary>A uniform grey JPEG (a flat block decodes exactly at quality 100).</summary>
    private static byte[] UniformJpeg(byte level)
    {
        var image = RgbImage.CreateBlank(8, 8);
        Array.Fill(image.Pixels, level);
        return JpegEncoder.Encode(image, quality: 100, chromaSubsampling: false);
    }

    [Fact]
    public void Scoring_reads_the_risk_band_features_and_model_identity()
    {
        using var scorer = RiskScorer.Load(_models.Write("tiny", TinyModels.MeanModel(), TinyModels.MeanModelCard));

        RiskResult dark = scorer.Score(UniformJpeg(51), new PatientMetadata(AgeYears: 61));
        RiskResult light = scorer.Score(UniformJpeg(204));

        Assert.Equal(("tiny-mean", "0.1.0"), (dark.ModelName, dark.ModelVersion));
        Assert.Equal(0.2, dark.Risk, 1e-6);
        Assert.Equal("low", dark.Band);
        Assert.Equal(0.8, light.Risk, 1e-6);
        Assert.Equal("high", light.Band);
        Assert.Equal(61, dark.Features.Single(f => f.Key == "age").Value);
        Assert.True(double.IsNaN(light.Features.Single().Value), "a missing age is passed as NaN, as the card says");
    }

    [Fact]
    public void A_missing_model_file_is_a_load_error_naming_the_file()
    {
        var e = Assert.Throws<ModelLoadException>(() => RiskScorer.Load(Path.Combine(_models.Folder, "absent.onnx")));

        Assert.Contains("Model file not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("absent.onnx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_model_file_is_a_load_error_with_onnx_runtimes_reason()
    {
        byte[] truncated = TinyModels.MeanModel()[..40];
        string path = _models.Write("corrupt", truncated, TinyModels.MeanModelCard);

        var e = Assert.Throws<ModelLoadException>(() => RiskScorer.Load(path));

        Assert.Contains("ONNX Runtime cannot load model", e.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt.onnx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_its_card_is_refused()
    {
        string path = _models.Write("nocard", TinyModels.MeanModel(), card: null);

        var e = Assert.Throws<ModelCardException>(() => RiskScorer.Load(path));

        Assert.Contains("nocard.card.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_an_image_raise_the_decoders_error()
    {
        using var scorer = RiskScorer.Load(_models.Write("tiny", TinyModels.MeanModel(), TinyModels.MeanModelCard));

        var e = Assert.Throws<ImageDecodeException>(() => scorer.Score("not an image"u8));

        Assert.Equal(ImageDecodeFailure.NotAnImage, e.Reason);
    }

    [Fact]
    public void The_registry_lists_models_with_cards_and_knows_the_active_one()
    {
        _models.Write("b-model", TinyModels.MeanModel(), TinyModels.MeanModelCard);
        _models.Write("a-model", TinyModels.MeanModel(), TinyModels.MeanModelCard);
        _models.Write("no-card", TinyModels.MeanModel(), card: null);

        var registry = new ModelRegistry(_models.Folder, activeFileName: "b-model.onnx");

        Assert.Equal(["a-model.onnx", "b-model.onnx"], registry.Models.Select(m => m.FileName));
        Assert.Equal("b-model.onnx", registry.Active.FileName);
        Assert.Equal("a-model.onnx", new ModelRegistry(_models.Folder).Active.FileName);
        Assert.Throws<FileNotFoundException>(() => new ModelRegistry(_models.Folder, "c-model.onnx"));
    }
}
