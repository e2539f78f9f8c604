import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import './embedding-bag-layer.js';
import './standardize-layer.js';
import { ClassifierError } from './errors.js';
import { CLASS_LM_BIN, hashModelBytes, MODEL_JSON, readModelFiles, WEIGHTS_BIN, type ModelBytes } from './model-files.js';
import { tf } from './tf.js';

export { CLASS_LM_BIN, hashModelFiles, MODEL_JSON, WEIGHTS_BIN } from './model-files.js';

/**
 * Write `model.json` + `weights.bin` (the tfjs LayersModel format) with node:fs: plain
 * `@tensorflow/tfjs` has no `file://` handler in Node. Files are written under a temporary
 * name and renamed, so a crash never leaves a half-written model. With `classLm` (a model's
 * class LM bytes), `class-lm.bin` too, and the hash covers it. Returns the model hash.
 */
export async function saveModel(model: tf.LayersModel, dir: string, classLm?: Uint8Array): Promise<string> {
  await mkdir(dir, { recursive: true });
  let written: { json: Buffer; weights: Buffer } | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = Buffer.from(concatWeightData(artifacts.weightData));
      const modelJson = {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      };
      const json = Buffer.from(`${JSON.stringify(modelJson)}\n`);
      written = { json, weights };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!written) throw new ClassifierError('model-files-invalid', 'tfjs did not hand over model artifacts');
  await atomicWrite(join(dir, WEIGHTS_BIN), written.weights);
  const bytes: ModelBytes = classLm ? { ...written, classLm: Buffer.from(classLm.buffer, classLm.byteOffset, classLm.byteLength) } : written;
  // A class LM left by an earlier model in this directory would be hashed with this one's files.
  if (bytes.classLm) await atomicWrite(join(dir, CLASS_LM_BIN), bytes.classLm);
  else await rm(join(dir, CLASS_LM_BIN), { force: true });
  await atomicWrite(join(dir, MODEL_JSON), written.json);
  return hashModelBytes(bytes);
}

/** Read a LayersModel saved by {@link saveModel}. The model hash, and class LM bytes when there are any, are returned with it. */
export async function loadModel(dir: string): Promise<{ model: tf.LayersModel; hash: string; classLm?: Buffer }> {
  const bytes = await readModelFiles(dir);
  const { json, weights } = bytes;
  let parsed: { modelTopology?: object; weightsManifest?: { weights: tf.io.WeightsManifestEntry[] }[]; format?: string };
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch (cause) {
    throw new ClassifierError('model-files-invalid', `${join(dir, MODEL_JSON)} is not valid JSON`, { cause });
  }
  const weightSpecs = parsed.weightsManifest?.flatMap((group) => group.weights);
  if (!parsed.modelTopology || !weightSpecs) {
    throw new ClassifierError('model-files-invalid', `${join(dir, MODEL_JSON)} lacks modelTopology or weightsManifest`);
  }
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  try {
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: parsed.modelTopology, weightSpecs, weightData, format: parsed.format }),
    );
    return { model, hash: hashModelBytes(bytes), ...(bytes.classLm ? { classLm: bytes.classLm } : {}) };
  } catch (cause) {
    throw new ClassifierError('model-files-invalid', `cannot build the model in ${dir}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

function concatWeightData(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (!data) return new ArrayBuffer(0);
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

async function atomicWrite(path: string, bytes: Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}
