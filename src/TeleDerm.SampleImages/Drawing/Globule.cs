namespace TeleDerm.SampleImages.Drawing;

/// <summary>
/// A dot or globule: position in lesion-relative units (1 = the lesion's mean radius, so it moves outwards as
/// the lesion grows), radius in mm, darkness 0 (mid brown) to 1 (black), and how many months before the
/// latest visit it first shows (new dots appear as a suspicious lesion evolves).
/// </summary>
internal readonly record struct Globule(double U, double V, double RadiusMm, double Darkness, double VisibleFromMonthsBefore);
