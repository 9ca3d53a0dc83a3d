namespace TeleDerm.Inference;

/// <summary>An error reported by ONNX Runtime through an <c>OrtStatus</c>: its code and message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OrtErrorCode errorCode, string message)
        : base($"ONNX Runtime error {errorCode}: {message}")
    {
        ErrorCode = errorCode;
        OrtMessage = message;
    }

    public OrtErrorCode ErrorCode { get; }

    /// <summary>The message exactly as ONNX Runtime wrote it.</summary>
    public string OrtMessage { get; }
}
