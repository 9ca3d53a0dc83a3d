namespace TeleDerm.Imaging.Exif;

/// <summary>EXIF/TIFF Orientation tag (0x0112) values: how the stored rows and columns map to the scene.</summary>
public enum ExifOrientation
{
    /// <summary>Stored as displayed.</summary>
    Normal = 1,
    MirrorHorizontal = 2,
    Rotate180 = 3,
    MirrorVertical = 4,
    /// <summary>Mirror across the top-left to bottom-right diagonal.</summary>
    Transpose = 5,
    /// <summary>Display by rotating the stored image 90° clockwise (phone held upright).</summary>
    Rotate90Clockwise = 6,
    /// <summary>Mirror across the top-right to bottom-left diagonal.</summary>
    Transverse = 7,
    /// <summary>Display by rotating the stored image 90° counter-clockwise.</summary>
    Rotate270Clockwise = 8,
}
