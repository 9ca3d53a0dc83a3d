using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TeleDerm.Web.Localization;

namespace TeleDerm.Web.Tests.Localization;

/// <summary>Texts kept after their first lookup still follow the reader's language, and a missing key still says so.</summary>
public sealed class CachedTextsTests
{
    private readonly CachedTexts texts = new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [Fact]
    public void A_text_read_in_English_first_is_French_for_a_French_reader_and_English_again_after()
    {
        Assert.Equal("Claim", InCulture("en", () => texts["Worklist.Claim"].Value));
        Assert.Equal("Prendre", InCulture("fr", () => texts["Worklist.Claim"].Value));
        Assert.Equal("Claim", InCulture("en-GB", () => texts["Worklist.Claim"].Value));
        Assert.Equal("à rendre dans 3 h", InCulture("fr", () => texts["Worklist.DueIn", "3 h"].Value));
    }

    [Fact]
    public void A_missing_key_is_reported_missing_each_time()
    {
        for (var i = 0; i < 2; i++)
        {
            var missing = InCulture("fr", () => texts["No.Such.Text"]);
            Assert.True(missing.ResourceNotFound);
            Assert.Equal("No.Such.Text", missing.Value);
        }
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }
}
