namespace TeleDerm.Web.Components;

/// <summary>One keyboard shortcut: the keys as printed on the keyboard, and the text key of what it does.</summary>
public sealed record Shortcut(string Keys, string Text);

/// <summary>A titled group of shortcuts (those of every page, or of one page).</summary>
public sealed record ShortcutGroup(string Title, IReadOnlyList<Shortcut> Shortcuts);

/// <summary>
/// Every keyboard shortcut of the app, in one place: the "?" list shows those of every page and of the page open,
/// and the scripts that handle them (worklist-keys.js, viewer.js, keyboard-help.js) follow this list.
/// </summary>
public static class KeyboardShortcuts
{
    public static readonly ShortcutGroup Everywhere = new("Shortcuts.Everywhere",
    [
        new("?", "Shortcuts.Open"), new("Tab / ⇧ Tab", "Shortcuts.Move"), new("Enter", "Shortcuts.Activate"), new("Esc", "Shortcuts.Close"),
    ]);

    public static readonly ShortcutGroup Worklist = new("Shortcuts.Worklist",
    [
        new("↑ ↓ / j k", "Shortcuts.Worklist.Move"), new("Enter", "Shortcuts.Worklist.Open"), new("c", "Shortcuts.Worklist.Claim"),
    ]);

    public static readonly ShortcutGroup Viewer = new("Shortcuts.Viewer",
    [
        new("+ / −", "Viewer.Help.Zoom"), new("← ↑ → ↓", "Viewer.Help.Pan"), new("r / R", "Viewer.Help.Rotate"), new("h", "Viewer.Help.Flip"),
        new("1", "Viewer.Help.ActualPixels"), new("0", "Viewer.Help.Reset"), new("f", "Viewer.Help.FullScreen"), new("s", "Viewer.Help.Sync"), new("a", "Viewer.Help.Align"),
        new("o", "Viewer.Help.Overlay"), new("m", "Viewer.Help.Ruler"), new("p", "Viewer.Help.Area"), new("e", "Viewer.Help.Ellipse"),
        new("w", "Viewer.Help.Arrow"), new("l", "Viewer.Help.Label"), new("c", "Viewer.Help.Calibrate"), new("Esc", "Viewer.Help.Pan"),
        new("k", "Viewer.Help.Risk"), new("?", "Viewer.Help.Help"),
    ]);

    /// <summary>The groups to show on the page at <paramref name="relativePath"/> ("worklist", "cases/{id}/viewer").</summary>
    public static IReadOnlyList<ShortcutGroup> ForPage(string relativePath)
    {
        var segments = relativePath.Split('?', '#')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["worklist", ..] => [Worklist, Everywhere],
            ["cases", _, "viewer", ..] => [Viewer, Everywhere],
            _ => [Everywhere],
        };
    }
}
