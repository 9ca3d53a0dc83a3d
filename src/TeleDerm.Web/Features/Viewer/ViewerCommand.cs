namespace TeleDerm.Web.Features.Viewer;

/// <summary>One-shot actions of the viewer's toolbar on the active pane (or all panes, when synchronized).</summary>
public enum ViewerCommand
{
    RotateLeft,
    RotateRight,
    Flip,
    Reset,
    FullScreen,
}

/// <summary>Brightness, contrast and gamma of the panes, 1 each when untouched.</summary>
public sealed record ImageAdjustment(double Brightness, double Contrast, double Gamma)
{
    public static readonly ImageAdjustment None = new(1, 1, 1);
}
