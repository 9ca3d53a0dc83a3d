// usage: TeleDerm.Benchmarks.Dicom check LISTFILE          prints the files our codec reads fully
//        TeleDerm.Benchmarks.Dicom time LISTFILE REPEATS   one JSON line per mode: files/s and MB/s
// Files are read into memory first, so the figures are parsing only (no disk); best of three rounds per mode.
using System.Diagnostics;
using System.Globalization;
using TeleDerm.Dicom;
using TeleDerm.Dicom.IO;
using TeleDerm.Dicom.Json;

var files = File.ReadAllLines(args[1]).Where(l => l.Length > 0).ToArray();
if (args[0] == "check")
{
    foreach (var file in files)
    {
        try
        {
            DicomFile.Read(File.ReadAllBytes(file));
            Console.WriteLine(file);
        }
        catch (DicomFormatException e)
        {
            Console.Error.WriteLine($"ours refuses {Path.GetFileName(file)}: {e.Message}");
        }
    }

    return 0;
}

var repeats = int.Parse(args[2], CultureInfo.InvariantCulture);
var contents = files.Select(File.ReadAllBytes).ToArray();
var totalBytes = contents.Sum(c => (long)c.Length);
var headerOnly = new DicomReaderOptions { HeaderOnly = true };
(string Mode, Func<byte[], int> Parse)[] modes =
[
    ("header-only", bytes => DicomFile.Read(bytes, headerOnly).Dataset.Count),
    ("full", bytes => DicomFile.Read(bytes).Dataset.Count),
    ("full + JSON", bytes => DicomJsonWriter.ToJson(DicomFile.Read(bytes).Dataset).Length),
];

// Every mode is timed in three rounds, interleaved, and the fastest round is reported: on a shared,
// loaded machine the first round pays for tiered compilation (a 2-second warm-up was not enough).
const int Rounds = 3;
var best = modes.ToDictionary(m => m.Mode, _ => double.MaxValue);
var sink = 0;
for (var round = 0; round < Rounds; round++)
{
    foreach (var (mode, parse) in modes)
    {
        var clock = Stopwatch.StartNew();
        for (var r = 0; r < repeats; r++)
        {
            foreach (var bytes in contents)
                sink += parse(bytes);
        }

        best[mode] = Math.Min(best[mode], clock.Elapsed.TotalSeconds);
    }
}

var parsed = (double)contents.Length * repeats;
foreach (var (mode, seconds) in best)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{{\"tool\":\"TeleDerm.Dicom\",\"mode\":\"{mode}\",\"files\":{parsed},\"seconds\":{seconds:F4},\"filesPerSecond\":{parsed / seconds:F1},\"mbPerSecond\":{totalBytes * (double)repeats / seconds / 1e6:F1},\"sink\":{sink}}}"));
}

return 0;
