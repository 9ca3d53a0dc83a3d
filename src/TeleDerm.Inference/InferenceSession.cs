using System.Runtime.InteropServices;
using TeleDerm.Inference.Native;

namespace TeleDerm.Inference;

/// <summary>
/// A loaded ONNX model. Creating, running and disposing release every ORT object they create before
/// returning (inputs, outputs, type infos, names); only the session itself lives until <see cref="Dispose"/>.
/// <see cref="Run"/> may be called from several threads at once (ORT sessions are thread-safe for Run).
/// </summary>
public sealed unsafe class InferenceSession : IDisposable
{
    private readonly OrtSessionHandle _session;

    private InferenceSession(OrtSessionHandle session)
    {
        _session = session;
        try
        {
            Inputs = ReadNodes(isInput: true);
            Outputs = ReadNodes(isInput: false);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public IReadOnlyList<NodeInfo> Inputs { get; }

    public IReadOnlyList<NodeInfo> Outputs { get; }

    public static InferenceSession FromFile(string modelPath, SessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"ONNX model not found: {modelPath}", modelPath);
        }

        return Create(options, (api, env, opts, session) =>
        {
            byte[] path = [.. System.Text.Encoding.UTF8.GetBytes(modelPath), 0];
            fixed (byte* p = path)
            {
                return api.CreateSession(env, p, opts, session);
            }
        });
    }

    public static InferenceSession FromBytes(byte[] model, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Create(options, (api, env, opts, session) =>
        {
            fixed (byte* p = model)
            {
                return api.CreateSessionFromArray(env, p, (nuint)model.Length, opts, session);
            }
        });
    }

    /// <summary>Runs the model. <paramref name="outputNames"/> defaults to every output, in declaration order.</summary>
    public IReadOnlyDictionary<string, Tensor> Run(IReadOnlyDictionary<string, Tensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_session.IsClosed, this);
        outputNames ??= Outputs.Select(o => o.Name).ToArray();
        foreach (string name in inputs.Keys.Where(n => Inputs.All(i => i.Name != n)))
        {
            throw new ArgumentException($"The model has no input '{name}'; its inputs are {string.Join(", ", Inputs.Select(i => i.Name))}.", nameof(inputs));
        }

        foreach (string name in outputNames.Where(n => Outputs.All(o => o.Name != n)))
        {
            throw new ArgumentException($"The model has no output '{name}'.", nameof(outputNames));
        }

        OrtApi api = OrtApi.Instance;
        var inputList = inputs.ToArray();
        var inputValues = new OrtValueHandle[inputList.Length];
        var outputValues = new OrtValueHandle[outputNames.Count];
        using var names = new Utf8StringArray([.. inputList.Select(i => i.Key), .. outputNames]);
        bool added = false;
        try
        {
            _session.DangerousAddRef(ref added);
            for (int i = 0; i < inputList.Length; i++)
            {
                inputValues[i] = TensorValues.ToOrtValue(api, inputList[i].Value);
            }

            IntPtr* inputPtrs = stackalloc IntPtr[Math.Max(1, inputList.Length)];
            for (int i = 0; i < inputList.Length; i++)
            {
                inputPtrs[i] = inputValues[i].DangerousGetHandle();
            }

            IntPtr* outputPtrs = stackalloc IntPtr[Math.Max(1, outputNames.Count)];
            for (int i = 0; i < outputNames.Count; i++)
            {
                outputPtrs[i] = IntPtr.Zero; // ORT allocates the outputs
            }

            IntPtr status = api.Run(_session.DangerousGetHandle(), IntPtr.Zero,
                names.Pointers, inputPtrs, (nuint)inputList.Length,
                names.Pointers + inputList.Length, (nuint)outputNames.Count, outputPtrs);

            // Take ownership of whatever ORT produced before checking the status, so nothing leaks.
            for (int i = 0; i < outputNames.Count; i++)
            {
                outputValues[i] = new OrtValueHandle();
                outputValues[i].Adopt(outputPtrs[i]);
            }

            api.Check(status);

            var results = new Dictionary<string, Tensor>(outputNames.Count);
            for (int i = 0; i < outputNames.Count; i++)
            {
                results[outputNames[i]] = TensorValues.FromOrtValue(api, outputValues[i], outputNames[i]);
            }

            return results;
        }
        finally
        {
            foreach (OrtValueHandle? value in inputValues.Concat(outputValues))
            {
                value?.Dispose();
            }

            if (added)
            {
                _session.DangerousRelease();
            }
        }
    }

    public void Dispose() => _session.Dispose();

    private delegate IntPtr CreateSessionCall(OrtApi api, IntPtr env, IntPtr options, IntPtr* session);

    private static InferenceSession Create(SessionOptions? options, CreateSessionCall create)
    {
        options ??= new SessionOptions();
        OrtApi api = OrtApi.Instance;
        OnnxEnvironment environment = OnnxEnvironment.Instance;
        using OrtSessionOptionsHandle ortOptions = CreateOptions(api, options);
        var session = new OrtSessionHandle();
        IntPtr raw;
        IntPtr status = create(api, environment.Handle.DangerousGetHandle(), ortOptions.DangerousGetHandle(), &raw);
        api.Check(status);
        session.Adopt(raw);
        return new InferenceSession(session);
    }

    private static OrtSessionOptionsHandle CreateOptions(OrtApi api, SessionOptions options)
    {
        var handle = new OrtSessionOptionsHandle();
        IntPtr raw;
        api.Check(api.CreateSessionOptions(&raw));
        handle.Adopt(raw);
        try
        {
            api.Check(api.SetIntraOpNumThreads(raw, options.IntraOpThreads));
            api.Check(api.SetInterOpNumThreads(raw, options.InterOpThreads));
            api.Check(api.SetSessionGraphOptimizationLevel(raw, (int)options.Optimization));
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private NodeInfo[] ReadNodes(bool isInput)
    {
        OrtApi api = OrtApi.Instance;
        IntPtr session = _session.DangerousGetHandle();
        nuint count;
        api.Check(isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count));
        IntPtr allocator = api.DefaultAllocator;
        var nodes = new NodeInfo[(int)count];
        for (nuint i = 0; i < count; i++)
        {
            byte* rawName;
            api.Check(isInput ? api.SessionGetInputName(session, i, allocator, &rawName) : api.SessionGetOutputName(session, i, allocator, &rawName));
            string name;
            try
            {
                name = Marshal.PtrToStringUTF8((IntPtr)rawName) ?? "";
            }
            finally
            {
                api.Check(api.AllocatorFree(allocator, rawName));
            }

            using var typeInfo = new OrtTypeInfoHandle();
            IntPtr rawType;
            api.Check(isInput ? api.SessionGetInputTypeInfo(session, i, &rawType) : api.SessionGetOutputTypeInfo(session, i, &rawType));
            typeInfo.Adopt(rawType);
            nodes[(int)i] = TensorValues.Describe(api, name, rawType);
        }

        return nodes;
    }
}
