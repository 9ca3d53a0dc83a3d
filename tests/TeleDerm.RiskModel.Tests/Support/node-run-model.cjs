// Runs an ONNX model with onnxruntime-node and prints its outputs as JSON, for comparison with our binding.
// usage: node node-run-model.cjs NODE_PREFIX MODEL INPUTS_JSON
//   INPUTS_JSON: [{ "name": ..., "dims": [...], "file": raw little-endian float32 }]
// Output: { "<output name>": { "dims": [...], "data": [...] } }
const fs = require('fs');
const path = require('path');

const [prefix, modelPath, inputsPath] = process.argv.slice(2);
const ort = require(path.join(prefix, 'node_modules', 'onnxruntime-node'));

(async () => {
  const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const feeds = {};
  for (const input of JSON.parse(fs.readFileSync(inputsPath, 'utf8'))) {
    const bytes = fs.readFileSync(input.file);
    const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
    feeds[input.name] = new ort.Tensor('float32', Float32Array.from(data), input.dims);
  }
  const results = await session.run(feeds);
  const out = {};
  for (const [name, tensor] of Object.entries(results)) {
    out[name] = { dims: tensor.dims, data: Array.from(tensor.data) };
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
