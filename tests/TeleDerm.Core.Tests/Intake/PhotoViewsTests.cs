using TeleDerm.Core.Cases;
using TeleDerm.Core.Intake;

namespace TeleDerm.Core.Tests.Intake;

public sealed class PhotoViewsTests
{
    [Theory]
    [InlineData(new ImageKind[] { }, new MissingView[] { })]
    [InlineData(new[] { ImageKind.Dermoscopic }, new[] { MissingView.Overview })]
    [InlineData(new[] { ImageKind.Clinical }, new[] { MissingView.CloseUp })]
    [InlineData(new[] { ImageKind.Clinical, ImageKind.Clinical }, new MissingView[] { })]
    [InlineData(new[] { ImageKind.Clinical, ImageKind.Dermoscopic }, new MissingView[] { })]
    [InlineData(new[] { ImageKind.Dermoscopic, ImageKind.Dermoscopic }, new[] { MissingView.Overview })]
    public void A_lesion_should_have_an_overview_and_a_close_up_or_dermoscopic_photo(ImageKind[] photos, MissingView[] missing)
    {
        Assert.Equal(missing, PhotoViews.Missing(photos));
    }
}
