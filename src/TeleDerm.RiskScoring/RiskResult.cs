namespace TeleDerm.RiskScoring;

/// <summary>One scored image: the risk of malignancy (0–1), its band, the explaining features, and which model said so.</summary>
public sealed record RiskResult(
    string ModelName,
    string ModelVersion,
    double Risk,
    string Band,
    IReadOnlyList<KeyValuePair<string, double>> Features);
