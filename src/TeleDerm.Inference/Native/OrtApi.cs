using System.Runtime.InteropServices;

namespace TeleDerm.Inference.Native;

/// <summary>
/// The OrtApi function table of ONNX Runtime 1.30 (<c>OrtGetApiBase()->GetApi(30)</c>), read once.
/// The table is an append-only array of function pointers, so each entry is read at its fixed index
/// (counted in onnxruntime_c_api.h; the indices marked "verified" were checked by a run, see
/// docs/dependencies.md). Every function returning OrtStatus* returns null on success.
/// </summary>
internal sealed unsafe class OrtApi
{
    public const uint ApiVersion = 30;

    private static readonly Lazy<OrtApi> Shared = new(() => new OrtApi());

    public static OrtApi Instance => Shared.Value;

    public string Version { get; }

    public readonly delegate* unmanaged[Cdecl]<IntPtr, int> GetErrorCode;                                                        // 1 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*> GetErrorMessage;                                                   // 2 verified
    public readonly delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr> CreateEnv;                                           // 3 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr*, IntPtr> CreateSession;                            // 7 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray;            // 8
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr> Run;    // 9 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateSessionOptions;                                            // 10 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel;                            // 23
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetIntraOpNumThreads;                                        // 24 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetInterOpNumThreads;                                        // 25
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetInputCount;                                     // 30 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetOutputCount;                                    // 31 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo;                          // 33 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo;                         // 34
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName;                       // 36 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName;                      // 37 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, int, IntPtr*, IntPtr> CreateTensorAsOrtValue;               // 48
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr> GetTensorMutableData;                                     // 51 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo;                               // 55 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetOnnxTypeFromTypeInfo;                                    // 56
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetTensorElementType;                                       // 60 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> GetDimensionsCount;                                       // 61 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr> GetDimensions;                                      // 62 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, byte**, nuint, IntPtr> GetSymbolicDimensions;                             // 63
    public readonly delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> GetTensorShapeElementCount;                               // 64
    public readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape;                                   // 65 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetValueType;                                               // 67
    public readonly delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo;                                   // 69 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr> AllocatorFree;                                             // 76 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions;                                  // 78 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseEnv;                                                         // 92 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseStatus;                                                      // 93 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseMemoryInfo;                                                  // 94 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSession;                                                     // 95 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseValue;                                                       // 96 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTypeInfo;                                                    // 98 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTensorTypeAndShapeInfo;                                      // 99 verified
    public readonly delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSessionOptions;                                              // 100 verified

    /// <summary>OrtApiBase: { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct OrtApiBase
    {
        public delegate* unmanaged[Cdecl]<uint, IntPtr*> GetApi;
        public delegate* unmanaged[Cdecl]<byte*> GetVersionString;
    }

    private OrtApi()
    {
        IntPtr library = OnnxRuntimeLibrary.Get();
        var getApiBase = (delegate* unmanaged[Cdecl]<OrtApiBase*>)NativeLibrary.GetExport(library, "OrtGetApiBase");
        OrtApiBase* apiBase = getApiBase();
        Version = Marshal.PtrToStringUTF8((IntPtr)apiBase->GetVersionString()) ?? "unknown";
        IntPtr* table = apiBase->GetApi(ApiVersion);
        if (table == null)
        {
            throw new DllNotFoundException(
                $"The ONNX Runtime library ({Version}) does not provide C API version {ApiVersion}; run scripts/fetch-onnxruntime.sh to get 1.30.0.");
        }

        GetErrorCode = (delegate* unmanaged[Cdecl]<IntPtr, int>)table[1];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<IntPtr, byte*>)table[2];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, IntPtr*, IntPtr>)table[3];
        CreateSession = (delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr*, IntPtr>)table[7];
        CreateSessionFromArray = (delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr>)table[8];
        Run = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)table[9];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)table[10];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)table[23];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)table[24];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr>)table[25];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)table[30];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)table[31];
        SessionGetInputTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr>)table[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr>)table[34];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr>)table[36];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr>)table[37];
        CreateTensorAsOrtValue = (delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, int, IntPtr*, IntPtr>)table[48];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr>)table[51];
        CastTypeInfoToTensorInfo = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)table[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)table[56];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)table[60];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)table[61];
        GetDimensions = (delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr>)table[62];
        GetSymbolicDimensions = (delegate* unmanaged[Cdecl]<IntPtr, byte**, nuint, IntPtr>)table[63];
        GetTensorShapeElementCount = (delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr>)table[64];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr>)table[65];
        GetValueType = (delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr>)table[67];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr>)table[69];
        AllocatorFree = (delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr>)table[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<IntPtr*, IntPtr>)table[78];
        ReleaseEnv = (delegate* unmanaged[Cdecl]<IntPtr, void>)table[92];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<IntPtr, void>)table[93];
        ReleaseMemoryInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)table[94];
        ReleaseSession = (delegate* unmanaged[Cdecl]<IntPtr, void>)table[95];
        ReleaseValue = (delegate* unmanaged[Cdecl]<IntPtr, void>)table[96];
        ReleaseTypeInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)table[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<IntPtr, void>)table[99];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<IntPtr, void>)table[100];
    }

    /// <summary>Turns a non-null OrtStatus* into <see cref="OnnxRuntimeException"/>, releasing the status first.</summary>
    public void Check(IntPtr status)
    {
        if (status == IntPtr.Zero)
        {
            return;
        }

        var code = (OrtErrorCode)GetErrorCode(status);
        string message = Marshal.PtrToStringUTF8((IntPtr)GetErrorMessage(status)) ?? "(no message)";
        ReleaseStatus(status);
        throw new OnnxRuntimeException(code, message);
    }

    /// <summary>ORT's default CPU allocator; owned by ORT, never released.</summary>
    public IntPtr DefaultAllocator
    {
        get
        {
            IntPtr allocator;
            Check(GetAllocatorWithDefaultOptions(&allocator));
            return allocator;
        }
    }
}
