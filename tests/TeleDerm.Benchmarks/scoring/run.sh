#!/usr/bin/env bash
# Risk scoring benchmark: photo → score latency (p50, p95) and throughput on 2 cores, for our pipeline
# (TeleDerm.Imaging decode with DCT scaling + resize + ONNX Runtime run through TeleDerm.Inference), beside the bare decode,
# the bare ONNX Runtime run, and the same pipeline in Node (sharp + onnxruntime-node), on the same files,
# in one run. Photos are 12-megapixel JPEGs generated deterministically from ISIC images (bilinear
# upscale + seeded noise, encoded by cjpeg) into a temporary folder that is deleted afterwards.
#
# usage: tests/TeleDerm.Benchmarks/scoring/run.sh [PHOTOS] [REPEATS]     (defaults 12 photos, 3 repeats)
# needs: .NET 10 SDK, node + npm (sharp and onnxruntime-node are installed into the temp folder),
#        cjpeg (libjpeg-turbo-progs). ONNX Runtime comes with the NuGet package (Microsoft.ML.OnnxRuntime).
set -euo pipefail

PHOTOS="${1:-12}"
REPEATS="${2:-3}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
DATA="${TELEDERM_DERMOSCOPY_DATA:-$REPO/../shared/data/dermoscopy}"
MODEL="$REPO/models/teleDerm-dermoscopy-features-v1.onnx"
CORES="${TELEDERM_BENCH_CORES:-0,1}"

for tool in dotnet node npm cjpeg taskset; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done

WORK="$(mktemp -d -t teleDerm-scoring-bench-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/photos" "$WORK/dotnet" "$WORK/node"

# --- the .NET side: a file-based app referencing our projects -------------------------------------
cat > "$WORK/dotnet/ScoringBench.cs" <<EOF
#:project $REPO/src/TeleDerm.RiskScoring/TeleDerm.RiskScoring.csproj
#:property PublishAot=false
#:property Nullable=enable
EOF
cat >> "$WORK/dotnet/ScoringBench.cs" <<'EOF'
using System.Diagnostics;
using System.Text.Json;
using TeleDerm.Imaging;
using TeleDerm.Imaging.Resizing;
using Microsoft.ML.OnnxRuntime;
using TeleDerm.Inference;
using TeleDerm.RiskScoring;

if (args[0] == "generate")
{
    // 4000×3000 from each source: bilinear upscale plus seeded noise (σ ≈ 6 levels), written as PPM.
    string[] sources = [.. Directory.GetFiles(args[1], "ISIC_001*.jpg").Order(StringComparer.Ordinal).Take(int.Parse(args[3]))];
    var random = new Random(20261122);
    foreach (string source in sources)
    {
        RgbImage small = ImageDecoder.Decode(File.ReadAllBytes(source)).Image;
        RgbImage large = ImageResizer.Resize(small, 4000, 3000);
        byte[] p = large.Pixels;
        for (int i = 0; i < p.Length; i++)
        {
            double noise = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 12;
            p[i] = (byte)Math.Clamp(p[i] + noise, 0, 255);
        }
        using var file = File.Create(Path.Combine(args[2], Path.GetFileNameWithoutExtension(source) + ".ppm"));
        file.Write(System.Text.Encoding.ASCII.GetBytes($"P6\n{large.Width} {large.Height}\n255\n"));
        file.Write(p);
    }
    return;
}

string[] files = [.. Directory.GetFiles(args[1], "*.jpg").Order(StringComparer.Ordinal)];
string modelPath = args[2];
int repeats = int.Parse(args[3]);
byte[][] photos = [.. files.Select(File.ReadAllBytes)];
using var scorer = RiskScorer.Load(modelPath, new OnnxSessionSettings { IntraOpThreads = 1 });
using var session = OnnxSessions.Open(modelPath, new OnnxSessionSettings { IntraOpThreads = 1 });
// The bare run's inputs are native values made once, so it measures the model and nothing else.
var tensors = photos.Select(p => ImageTensors.FromPhoto(p, scorer.Card.Image))
    .Select(t => OrtValue.CreateTensorValueFromMemory(t.Values, t.Shape)).ToArray();
using var unknownAge = OrtValue.CreateTensorValueFromMemory(new[] { float.NaN }, new long[] { 1, 1 });
using var runOptions = new RunOptions();
string[] outputNames = [.. session.OutputNames];

var results = new Dictionary<string, object>();
void Latency(string name, Action<int> work)
{
    for (int i = 0; i < photos.Length; i++) work(i); // warm-up
    var ms = new List<double>();
    for (int r = 0; r < repeats; r++)
        for (int i = 0; i < photos.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            work(i);
            ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    ms.Sort();
    results[name] = new { p50 = ms[(int)(0.50 * (ms.Count - 1))], p95 = ms[(int)Math.Ceiling(0.95 * (ms.Count - 1))], n = ms.Count };
}

Latency("pipeline", i => scorer.Score(photos[i]));
Latency("decode_full", i => ImageDecoder.Decode(photos[i]));
Latency("decode_scaled", i => ImageDecoder.Decode(photos[i], new DecodeOptions { AtLeast = new ImageSize(224, 224) }));
Latency("decode_resize", i => Thumbnails.ForModelInput(photos[i], new ImageSize(224, 224)));
Latency("image_tensor", i => ImageTensors.FromPhoto(photos[i], scorer.Card.Image));
Latency("ort_run", i => session.Run(runOptions, new Dictionary<string, OrtValue> { ["image"] = tensors[i], ["age_years"] = unknownAge }, outputNames).Dispose());

// Throughput: two workers (one per core), one ORT thread each, over repeats × photos.
int total = repeats * photos.Length;
long begin = Stopwatch.GetTimestamp();
Parallel.For(0, total, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => scorer.Score(photos[i % photos.Length]));
results["pipeline_throughput_per_s"] = total / Stopwatch.GetElapsedTime(begin).TotalSeconds;
Console.WriteLine(JsonSerializer.Serialize(results));
EOF

# --- the Node side: sharp + onnxruntime-node ------------------------------------------------------
cat > "$WORK/node/bench.cjs" <<'EOF'
const fs = require('fs');
const path = require('path');
const sharp = require('sharp');
const ort = require('onnxruntime-node');
sharp.concurrency(1);
sharp.cache(false);

const [dir, modelPath, repeatsText] = process.argv.slice(2);
const repeats = Number(repeatsText);
const photos = fs.readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort().map((f) => fs.readFileSync(path.join(dir, f)));

async function toTensor(photo) {
  // Same input as ours: 224×224 RGB, NCHW, /255. (sharp's shrink-on-load + resize kernel differ from our area averaging.)
  const { data } = await sharp(photo).resize(224, 224, { fit: 'fill' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const n = 224 * 224;
  const values = new Float32Array(3 * n);
  for (let i = 0; i < n; i++) {
    values[i] = data[i * 3] / 255;
    values[n + i] = data[i * 3 + 1] / 255;
    values[2 * n + i] = data[i * 3 + 2] / 255;
  }
  return new ort.Tensor('float32', values, [1, 3, 224, 224]);
}

(async () => {
  const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const age = new ort.Tensor('float32', Float32Array.from([NaN]), [1, 1]);
  const score = async (photo) => (await session.run({ image: await toTensor(photo), age_years: age })).risk.data[0];
  for (const p of photos) await score(p);
  const ms = [];
  for (let r = 0; r < repeats; r++) {
    for (const p of photos) {
      const start = process.hrtime.bigint();
      await score(p);
      ms.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  ms.sort((a, b) => a - b);
  const total = repeats * photos.length;
  let next = 0;
  const begin = process.hrtime.bigint();
  const worker = async () => { while (next < total) { const i = next++; await score(photos[i % photos.length]); } };
  await Promise.all([worker(), worker()]);
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9;
  console.log(JSON.stringify({
    pipeline: { p50: ms[Math.floor(0.5 * (ms.length - 1))], p95: ms[Math.ceil(0.95 * (ms.length - 1))], n: ms.length },
    pipeline_throughput_per_s: total / seconds,
  }));
})().catch((e) => { console.error(e); process.exit(1); });
EOF
(cd "$WORK/node" && npm install --silent --no-audit --no-fund --ignore-scripts onnxruntime-node@1.30.0 sharp@0.35.5 >/dev/null)

# --- generate the photos, then measure both sides on the same cores -------------------------------
echo "generating $PHOTOS photos of 4000×3000 in $WORK/photos ..." >&2
(cd "$WORK/dotnet" && dotnet build -c Release ScoringBench.cs -v q -nologo >/dev/null)
(cd "$WORK/dotnet" && dotnet run -c Release --no-build ScoringBench.cs -- generate "$DATA/images" "$WORK/photos" "$PHOTOS")
for ppm in "$WORK"/photos/*.ppm; do cjpeg -quality 92 -optimize "$ppm" > "${ppm%.ppm}.jpg" && rm "$ppm"; done
echo "photo sizes: $(du -ch "$WORK"/photos/*.jpg | tail -1 | cut -f1) total" >&2

echo "measuring .NET ..." >&2
DOTNET_JSON="$(cd "$WORK/dotnet" && taskset -c "$CORES" dotnet run -c Release --no-build ScoringBench.cs -- bench "$WORK/photos" "$MODEL" "$REPEATS")"
echo "measuring Node ..." >&2
NODE_JSON="$(cd "$WORK/node" && UV_THREADPOOL_SIZE=2 taskset -c "$CORES" node bench.cjs "$WORK/photos" "$MODEL" "$REPEATS")"

node -e '
const d = JSON.parse(process.argv[1]), n = JSON.parse(process.argv[2]);
const f = (x) => x.toFixed(1);
console.log(`| measurement | p50 ms | p95 ms | throughput /s (2 workers) |`);
console.log(`| --- | ---: | ---: | ---: |`);
console.log(`| TeleDerm pipeline (decode + resize + ORT) | ${f(d.pipeline.p50)} | ${f(d.pipeline.p95)} | ${f(d.pipeline_throughput_per_s)} |`);
console.log(`| bare decode, full 12 MP | ${f(d.decode_full.p50)} | ${f(d.decode_full.p95)} | |`);
console.log(`| bare decode, DCT-scaled as the pipeline does | ${f(d.decode_scaled.p50)} | ${f(d.decode_scaled.p95)} | |`);
console.log(`| decode + resize to 224×224 (Thumbnails.ForModelInput) | ${f(d.decode_resize.p50)} | ${f(d.decode_resize.p95)} | |`);
console.log(`| decode + resize + normalized tensor (ImageTensors.FromPhoto) | ${f(d.image_tensor.p50)} | ${f(d.image_tensor.p95)} | |`);
console.log(`| bare ORT run (224×224 tensor) | ${f(d.ort_run.p50)} | ${f(d.ort_run.p95)} | |`);
console.log(`| Node pipeline (sharp + onnxruntime-node) | ${f(n.pipeline.p50)} | ${f(n.pipeline.p95)} | ${f(n.pipeline_throughput_per_s)} |`);
console.log();
console.log(`ratios: Node/TeleDerm p50 ${(n.pipeline.p50 / d.pipeline.p50).toFixed(2)}, p95 ${(n.pipeline.p95 / d.pipeline.p95).toFixed(2)}, throughput TeleDerm/Node ${(d.pipeline_throughput_per_s / n.pipeline_throughput_per_s).toFixed(2)}; `
  + `pipeline p50 = ${(d.decode_scaled.p50 / d.pipeline.p50 * 100).toFixed(0)}% scaled decode + ${(d.ort_run.p50 / d.pipeline.p50 * 100).toFixed(0)}% ORT + the rest (resize, tensor)`);
console.log(`samples: ${d.pipeline.n} per latency (${process.argv[3]} photos × ${process.argv[4]} repeats)`);
' "$DOTNET_JSON" "$NODE_JSON" "$PHOTOS" "$REPEATS"
