namespace TeleDerm.RiskModelBuilder;

/// <summary>What to fit on and where to write. <see cref="Every"/> &gt; 1 keeps every n-th image (quick checks and tests).</summary>
internal sealed record BuilderOptions(string DataFolder, string OutputFolder, int Seed = 20261122, int Repeats = 10, int Every = 1, double C = 0.1)
{
    public const string Usage = """
        usage: TeleDerm.RiskModelBuilder --data DIR [--out DIR] [--seed N] [--repeats N] [--every N] [--c C]

          --data DIR     folder with labels.csv and images/ (e.g. /work/shared/data/dermoscopy)
          --out DIR      where the .onnx model and its .card.json go (default: models)
          --seed N       seed of the cross-validation folds (default 20261122)
          --repeats N    repeats of stratified 5-fold cross-validation (default 10)
          --every N      use every N-th image only (quick runs; default 1)
          --c C          inverse L2 strength as in scikit-learn (default 0.1)
        """;

    public static BuilderOptions Parse(string[] args)
    {
        string? data = null;
        var options = new BuilderOptions("", "models");
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--data" => options with { DataFolder = data = Value() },
                "--out" => options with { OutputFolder = Value() },
                "--seed" => options with { Seed = Int() },
                "--repeats" => options with { Repeats = Int() },
                "--every" => options with { Every = Int() },
                "--c" => options with { C = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        return data is null ? throw new ArgumentException("--data is required") : options;
    }
}
