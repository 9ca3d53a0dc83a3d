using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Json;

namespace TeleDerm.Dicom.Fuzzing;

/// <summary>Mutates seed files (bit flips, truncations, length-field changes) with a seeded RNG and checks
/// that reading either succeeds or raises <see cref="DicomFormatException"/>, never anything else.</summary>
public static class DicomFuzzer
{
    public sealed record Report(int Tried, int Accepted, int Rejected, IReadOnlyList<string> Failures);

    private static readonly uint[] InterestingLengths = [0, 1, 2, 3, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    public static Report Run(IReadOnlyList<byte[]> seeds, int iterations, int seed)
    {
        if (seeds.Count == 0)
            throw new ArgumentException("no seed files", nameof(seeds));
        var random = new Random(seed);
        var headers = seeds.Select(HeaderOffsets).ToList();
        int accepted = 0, rejected = 0;
        var failures = new List<string>();
        for (var i = 0; i < iterations; i++)
        {
            var source = random.Next(seeds.Count);
            var input = Mutate(seeds[source], headers[source], random, out var mutation);
            var options = (i % 3) switch
            {
                0 => DicomReaderOptions.Default,
                1 => new DicomReaderOptions { LazyPixelData = true, MaxInflatedBytes = 4 * 1024 * 1024 },
                _ => new DicomReaderOptions { HeaderOnly = true },
            };
            try
            {
                Exercise(DicomFile.Read(input, options));
                accepted++;
            }
            catch (DicomFormatException)
            {
                rejected++;
            }
#pragma warning disable CA1031 // The harness exists to catch every other exception type.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"iteration {i} (seed file {source}, {mutation}): {e.GetType().Name}: {e.Message}");
            }
        }

        return new Report(iterations, accepted, rejected, failures);
    }

    // What callers do after reading: JSON, validation, typed getters, frame extraction.
    private static void Exercise(DicomFile file)
    {
        _ = DicomJsonWriter.ToJson(file.Dataset, new DicomJsonOptions { Indented = false });
        _ = Validation.DicomValidator.Validate(file);
        _ = file.Dataset.GetInt(DicomTags.Rows);
        _ = file.Dataset.GetDoubles(DicomTags.PixelSpacing);
        _ = file.Dataset.GetDate(DicomTags.StudyDate);
        if (file.Dataset.GetItem(DicomTags.PixelData) is DicomFragmentSequence)
            _ = DicomPixelData.GetEncapsulatedFrame(file.Dataset, 0);
    }

    /// <summary>Offsets of element, item and fragment headers in a seed, so length mutations hit real length fields.</summary>
    private static long[] HeaderOffsets(byte[] seed)
    {
        var recorder = new OffsetRecorder();
        try
        {
            var result = DicomReader.Read(seed, recorder);
            return result.TransferSyntax.IsDeflated ? [] : recorder.Offsets.ToArray();
        }
        catch (DicomFormatException)
        {
            return recorder.Offsets.ToArray();
        }
    }

    private sealed class OffsetRecorder : IDicomReaderObserver
    {
        public List<long> Offsets { get; } = [];

        public void OnElement(DicomTag tag, DicomVR vr, long offset, IDicomBuffer value) => Offsets.Add(offset);
        public void OnBeginSequence(DicomTag tag, DicomVR vr, long offset, bool undefinedLength) => Offsets.Add(offset);
        public void OnBeginItem(long offset, bool undefinedLength) => Offsets.Add(offset);
        public void OnEndItem() { }
        public void OnEndSequence() { }
        public void OnBeginFragments(DicomTag tag, DicomVR vr, long offset) => Offsets.Add(offset);
        public void OnFragment(long offset, IDicomBuffer value) => Offsets.Add(offset);
        public void OnEndFragments() { }
    }

    public static byte[] Mutate(byte[] original, Random random, out string mutation) => Mutate(original, [], random, out mutation);

    private static byte[] Mutate(byte[] original, long[] headers, Random random, out string mutation)
    {
        var bytes = (byte[])original.Clone();
        if (bytes.Length == 0)
        {
            mutation = "empty";
            return bytes;
        }

        switch (random.Next(5))
        {
            case 0:
                {
                    var flips = 1 + random.Next(8);
                    for (var k = 0; k < flips; k++)
                        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    mutation = $"{flips} bit flips";
                    return bytes;
                }

            case 1:
                {
                    var length = random.Next(bytes.Length);
                    mutation = $"truncated to {length}";
                    return bytes[..length];
                }

            case 2:
            case 3:
                {
                    // Overwrite a length field: at a known header (tag + 4, 6 or 8 is the length in the three
                    // encodings, PS3.5 7.1), else somewhere near the start where headers are dense.
                    var at = headers.Length > 0
                        ? (int)Math.Min(bytes.Length - 1, headers[random.Next(headers.Length)] + (2 * (2 + random.Next(3))))
                        : random.Next(Math.Min(bytes.Length, 4096));
                    var value = InterestingLengths[random.Next(InterestingLengths.Length)];
                    var width = random.Next(2) == 0 ? 2 : 4;
                    for (var k = 0; k < width && at + k < bytes.Length; k++)
                        bytes[at + k] = (byte)(value >> (8 * k));
                    mutation = $"length {value:X} ({width} bytes) at {at}";
                    return bytes;
                }

            default:
                {
                    var at = random.Next(bytes.Length);
                    var count = 1 + random.Next(16);
                    var list = bytes.ToList();
                    if (random.Next(2) == 0)
                        list.RemoveRange(at, Math.Min(count, list.Count - at));
                    else
                        list.InsertRange(at, Enumerable.Range(0, count).Select(_ => (byte)random.Next(256)));
                    mutation = $"{count} bytes removed or inserted at {at}";
                    return list.ToArray();
                }
        }
    }
}
