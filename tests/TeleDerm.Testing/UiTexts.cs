using System.Xml.Linq;

namespace TeleDerm.Testing;

/// <summary>The web host's resource files as key → text, for tests about what people read.</summary>
public static class UiTexts
{
    public const string English = "Texts.resx";
    public const string French = "Texts.fr.resx";

    public static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, "src", "TeleDerm.Web", "Localization", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
}
