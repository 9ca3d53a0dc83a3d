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
        int accepted = 0, rejected = 0;
        var failures = new List<string>();
        for (var i = 0; i < iterations; i++)
        {
            var source = random.Next(seeds.Count);
            var input = Mutate(seeds[source], random, out var mutation);
            var options = (i % 3) switch
            {
                0 => DicomReaderOptions.Default,
                1 => new DicomReaderOptions { LazyPixelData = true, MaxInflatedBytes = 4 * 1024 * 1024 },
                _ => new DicomReaderOptions { HeaderOnly = true },
            };
            try
            {
                var file = DicomFile.Read(input, options);
                _ = DicomJsonWriter.ToJson(file.Dataset, new DicomJsonOptions { Indented = false });
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

    public static byte[] Mutate(byte[] original, Random random, out string mutation)
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
                // Overwrite what may be a 16- or 32-bit length field near the start (where the headers are dense).
                var at = random.Next(Math.Min(bytes.Length, 4096));
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
