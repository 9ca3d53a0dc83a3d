using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace TeleDerm.Web.Localization;

/// <summary>
/// The app's texts (<see cref="Texts"/>), each looked up once per language. The resource manager's lookup (culture
/// fallback, a lock per resource set) was the largest part of drawing a worklist row: every open worklist redraws 25
/// rows of about fourteen texts at each change of any case, and 200 open worklists contended for that lock
/// (docs/benchmarks.md, load). Resources do not change while the app runs, so a text found once stays right.
/// </summary>
public sealed class CachedTexts(IStringLocalizerFactory factory) : IStringLocalizer<Texts>
{
    // Keys come from code (and enum names); the bound only guards against a key that would not.
    private const int MaxEntries = 20_000;
    private readonly IStringLocalizer resources = factory.Create(typeof(Texts));
    private readonly ConcurrentDictionary<(string Language, string Name), LocalizedString> found = new();

    public LocalizedString this[string name]
    {
        get
        {
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (found.TryGetValue(key, out var text))
                return text;
            text = resources[name];
            if (found.Count < MaxEntries)
                found.TryAdd(key, text);
            return text;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var text = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, text.Value, arguments), text.ResourceNotFound, text.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);
}
