using TeleDerm.Dicom.Dermoscopy;
using TeleDerm.Testing;
using TeleDerm.Web.Features.Intake;

namespace TeleDerm.Web.Tests.Intake;

public class PhotoPreparationTests
{
    private static byte[] Isic(string name) => RepoPaths.IsicPhotoBytes(name);

    [Fact]
    public void A_baseline_upright_colour_JPEG_is_kept_as_it_is()
    {
        var jpeg = Isic("ISIC_0000031.jpg");
        var pixels = Assert.IsType<BaselineJpegPixels>(PhotoPreparation.Prepare(jpeg).Pixels);
        Assert.Same(jpeg, pixels.Jpeg);
    }
}
