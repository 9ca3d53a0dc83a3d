namespace TeleDerm.SampleImages.Tests.Support;

/// <summary>The default set (seed 2026, 30 lesions), drawn once for all tests that look at it.</summary>
public sealed class DefaultSampleSet
{
    public SampleSet Set { get; } = SampleSetGenerator.Generate();

    public byte[] Content(string file) => Set.Files.Single(f => f.Name == file).Content;
}

[CollectionDefinition(Name)]
public sealed class DefaultSampleSetCollection : ICollectionFixture<DefaultSampleSet>
{
    public const string Name = "default sample set";
}
