namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its definition, unlike System.Random whose
/// algorithm may change between .NET versions. Children derived by key keep one lesion's draws independent
/// of how many other lesions are generated.
/// </summary>
internal sealed class SeededRandom(ulong seed)
{
    private ulong _state = seed;

    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public static ulong Derive(ulong seed, ulong key) => Mix(Mix(seed) ^ (key * 0xD6E8FEB86659FD93UL));

    public SeededRandom Child(ulong key) => new(Derive(_state, key));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        ulong z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform integer in [min, max].</summary>
    public int Int(int min, int max) => min + (int)(NextUInt64() % (ulong)(max - min + 1));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];
}
