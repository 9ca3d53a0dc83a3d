using System.Collections;
using TeleDerm.Dicom.Dictionary;
using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Text;

namespace TeleDerm.Dicom;

/// <summary>A set of attributes in tag order, PS3.5 7. Read by tag or keyword, like the standard names them.</summary>
public sealed partial class DicomDataset : IEnumerable<DicomItem>
{
    private readonly SortedDictionary<DicomTag, DicomItem> _items = [];

    public DicomDataset()
    {
    }

    public DicomDataset(IEnumerable<DicomItem> items)
    {
        foreach (var item in items)
            Add(item);
    }

    /// <summary>The dataset holding the sequence this item belongs to (character set is inherited, PS3.5 7.5.3).</summary>
    public DicomDataset? Parent { get; internal set; }

    public int Count => _items.Count;

    public bool Contains(DicomTag tag) => _items.ContainsKey(tag);

    public bool Contains(string keyword) => _items.ContainsKey(TagOf(keyword));

    public DicomItem? GetItem(DicomTag tag) => _items.GetValueOrDefault(tag);

    /// <summary>Adds or replaces an attribute.</summary>
    public DicomDataset Add(DicomItem item)
    {
        _items[item.Tag] = item;
        if (item is DicomSequence sequence)
        {
            foreach (var child in sequence.Items)
                child.Parent = this;
        }

        return this;
    }

    public bool Remove(DicomTag tag) => _items.Remove(tag);

    /// <summary>The terms of Specific Character Set (0008,0005) in force here, inherited from enclosing datasets.</summary>
    public IReadOnlyList<string> SpecificCharacterSet
    {
        get
        {
            for (var ds = this; ds is not null; ds = ds.Parent)
            {
                if (ds.GetItem(DicomTags.SpecificCharacterSet) is DicomElement e)
                    return System.Text.Encoding.ASCII.GetString(e.Buffer.GetBytes().Span).Split('\\').Select(t => t.Trim(' ', '\0')).ToArray();
            }

            return [];
        }
    }

    public static DicomTag TagOf(string keyword) =>
        DicomDictionary.Find(keyword)?.Tag ?? throw new ArgumentException($"'{keyword}' is not a keyword of PS3.6", nameof(keyword));

    public IEnumerator<DicomItem> GetEnumerator() => _items.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal string DecodeText(DicomVR vr, ReadOnlySpan<byte> bytes) =>
        vr.UsesSpecificCharacterSet
            ? DicomCharacterSet.Decode(bytes, SpecificCharacterSet)
            : System.Text.Encoding.Latin1.GetString(bytes);

    internal byte[] EncodeText(DicomVR vr, string text)
    {
        if (!vr.UsesSpecificCharacterSet)
            return System.Text.Encoding.ASCII.GetBytes(text);
        if (SpecificCharacterSet.Count == 0 && !System.Text.Ascii.IsValid(text))
        {
            // The default repertoire is ASCII (PS3.5 6.1.2.2): declare UTF-8 on the top-level dataset,
            // which leaves every value already there (ASCII) unchanged.
            var root = this;
            while (root.Parent is not null)
                root = root.Parent;
            root.Add(new DicomElement(DicomTags.SpecificCharacterSet, DicomVR.CS, Buffer("ISO_IR 192"u8.ToArray())));
        }

        return DicomCharacterSet.Encode(text, SpecificCharacterSet);
    }

    internal static IDicomBuffer Buffer(byte[] bytes) => new MemoryDicomBuffer(bytes);
}
