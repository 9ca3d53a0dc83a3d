namespace TeleDerm.RiskScoring;

/// <summary>A model file that is missing or that ONNX Runtime cannot load; the message names the file.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
