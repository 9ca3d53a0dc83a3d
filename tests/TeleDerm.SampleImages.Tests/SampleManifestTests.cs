namespace TeleDerm.SampleImages.Tests;

public sealed class SampleManifestTests
{
    private static readonly SampleManifest Example = new("TeleDerm.SampleImages 1", 2026,
    [
        new SampleLesion("L01", "suspicious", 2, "back",
        [
            new SampleVisit(1, 12, [new SampleImage("L01-v1-dermoscopic.jpg", "dermoscopic", 1024, 768, 0.02, 5.1)]),
            new SampleVisit(2, 0, [new SampleImage("L01-v2-dermoscopic.jpg", "dermoscopic", 1024, 768, 0.02, 7.4),
                                   new SampleImage("L01-v2-clinical.jpg", "clinical", 1024, 768, 0.08, 7.4)]),
        ]),
    ]);

    [Fact]
    public void The_json_has_the_agreed_shape_and_reads_back_equal()
    {
        string json = Example.ToJson();

        Assert.Contains("\"generator\": \"TeleDerm.SampleImages 1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"monthsBeforeLatest\": 12", json, StringComparison.Ordinal);
        Assert.Contains("\"pixelSpacingMm\": 0.02", json, StringComparison.Ordinal);
        Assert.Contains("\"lesionDiameterMm\": 5.1", json, StringComparison.Ordinal);
        SampleManifest back = SampleManifest.Parse(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal(3, back.Images.Count());
    }

    [Theory]
    [InlineData("{ \"generator\": ", "not valid JSON")]
    [InlineData("[]", "manifest must be a JSON object")]
    [InlineData("{ \"generator\": \"g\", \"seed\": 1 }", "manifest: 'lesions' is missing")]
    [InlineData("{ \"generator\": \"g\", \"seed\": 1.5, \"lesions\": [] }", "'seed' must be an integer")]
    [InlineData("{ \"generator\": \"g\", \"seed\": 1, \"lesions\": {} }", "'lesions' must be a array, not object")]
    [InlineData("{ \"generator\": \"g\", \"seed\": 1, \"lesions\": [ { \"id\": \"L01\", \"appearance\": \"odd\", \"fitzpatrick\": 2, \"bodySite\": \"back\", \"visits\": [] } ] }",
        "lesions[0]: 'appearance' is 'odd'; expected benign or suspicious")]
    [InlineData("{ \"generator\": \"g\", \"seed\": 1, \"lesions\": [ { \"id\": \"L01\", \"appearance\": \"benign\", \"fitzpatrick\": 7, \"bodySite\": \"back\", \"visits\": [] } ] }",
        "lesions[0]: 'fitzpatrick' must be an integer from 1 to 6, not 7")]
    [InlineData("{ \"generator\": \"g\", \"seed\": 1, \"lesions\": [ { \"id\": \"L01\", \"appearance\": \"benign\", \"fitzpatrick\": 2, \"bodySite\": \"back\", \"visits\": [ { \"visit\": 1, \"monthsBeforeLatest\": 0, \"images\": [ { \"file\": \"a.jpg\", \"kind\": \"dermoscopic\", \"width\": 1024, \"height\": 768, \"pixelSpacingMm\": -0.02, \"lesionDiameterMm\": 3 } ] } ] } ] }",
        "lesions[0].visits[0].images[0]: 'pixelSpacingMm' must be a positive number")]
    [InlineData("{ \"generator\": \"g\", \"seed\": 1, \"lesions\": [ { \"id\": \"L01\", \"appearance\": \"benign\", \"fitzpatrick\": 2, \"bodySite\": \"back\", \"visits\": [ { \"visit\": 1, \"monthsBeforeLatest\": 0, \"images\": [ { \"kind\": \"dermoscopic\" } ] } ] } ] }",
        "lesions[0].visits[0].images[0]: 'file' is missing")]
    public void A_malformed_manifest_is_refused_with_where_and_what(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SampleManifest.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
