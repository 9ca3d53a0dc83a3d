namespace TeleDerm.Inference.Models;

/// <summary>A model card that cannot be read or does not make sense; the message names the file and each problem.</summary>
public sealed class ModelCardException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>A model whose real inputs or outputs differ from its card; the message lists every difference.</summary>
public sealed class ModelSignatureMismatchException(string message) : Exception(message);
