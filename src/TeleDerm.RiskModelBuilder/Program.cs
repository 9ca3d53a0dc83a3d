// Builds the default risk model: writes the feature graph, fits the logistic head on the labelled
// dermoscopy images with cross-validation, writes models/<name>.onnx and its card.
using TeleDerm.RiskModelBuilder;

BuilderOptions options;
try
{
    options = BuilderOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(BuilderOptions.Usage);
    return 2;
}

var built = DefaultModelBuilder.Build(options, Console.Out);
Directory.CreateDirectory(options.OutputFolder);
string modelPath = Path.Combine(options.OutputFolder, DefaultModelBuilder.ModelName + ".onnx");
File.WriteAllBytes(modelPath, built.Model);
File.WriteAllText(Path.Combine(options.OutputFolder, DefaultModelBuilder.ModelName + ".card.json"), built.CardJson);
Console.WriteLine($"wrote {modelPath} ({built.Model.Length} bytes) and its card");
return 0;
