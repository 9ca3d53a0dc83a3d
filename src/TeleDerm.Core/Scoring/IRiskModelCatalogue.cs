namespace TeleDerm.Core.Scoring;

/// <summary>
/// The installed risk models, as the web host keeps them (ONNX files with their model cards, run with ONNX
/// Runtime): the domain only chooses and adds, and hears why a model was refused.
/// </summary>
public interface IRiskModelCatalogue
{
    /// <summary>Makes the installed model <paramref name="fileName"/> the one that scores; returns its name and version.</summary>
    /// <exception cref="RiskModelRefusedException">The model or its card cannot be used; the one in use stays.</exception>
    Task<string> ActivateAsync(string fileName, string userId, CancellationToken cancellationToken = default);

    /// <summary>Installs a model with its card after checking both; returns its name and version.</summary>
    /// <exception cref="RiskModelRefusedException">The file name, card or model is refused; nothing is installed.</exception>
    Task<string> AddAsync(string fileName, byte[] model, byte[] card);
}

/// <summary>Why a model could not be activated or installed, as the model's checks say it (technical, in English).</summary>
public sealed class RiskModelRefusedException(string reason, Exception? inner = null) : Exception(reason, inner);
