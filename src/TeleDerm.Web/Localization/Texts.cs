namespace TeleDerm.Web.Localization;

/// <summary>Marker for the resource files Texts.resx (English) and Texts.fr.resx (French): every text a user reads.</summary>
public sealed class Texts;
