import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { BackendName, BackendPreference } from './backend-name.js';
import { ClassifierError } from './errors.js';
import { tf } from './tf.js';

/**
 * What `auto` picks when `@tensorflow/tfjs-node` is not installed. bench/scoring.ts measured
 * the cpu backend ahead of wasm for our model (~11.6k vs ~5-6.5k docs per CPU-second for the
 * model alone at batch 256-1024): the heavy part, the embedding bag, runs in JS on either
 * backend, and wasm additionally copies every batch's id buffer into and out of its heap.
 */
export const AUTO_FALLBACK_BACKEND: BackendName = 'cpu';

const require = createRequire(import.meta.url);
let wasmConfigured = false;
let tensorflowImport: Promise<boolean> | undefined;

/**
 * The cpu backend greets every Node process with "install tfjs-node" on its first tensor.
 * That banner corrupts our stderr output, so mark it as already shown. We touch the one
 * field rather than setting PROD mode, which would also hide tfjs's genuine warnings.
 */
function silenceCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (cpu && 'firstUse' in cpu) cpu.firstUse = false;
}
silenceCpuBanner();

/** Load `@tensorflow/tfjs-node` only if the user installed it: it is never our dependency. */
async function tryImportTensorflow(): Promise<boolean> {
  tensorflowImport ??= (async () => {
    try {
      // A variable specifier keeps TypeScript from requiring the package's types.
      const specifier = '@tensorflow/tfjs-node';
      await import(specifier);
      return tf.findBackendFactory('tensorflow') != null;
    } catch {
      return false;
    }
  })();
  return tensorflowImport;
}

/** Register the wasm backend with its binaries read from node_modules, never fetched. */
async function configureWasm(): Promise<void> {
  if (wasmConfigured) return;
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The package's main entry lives in dist/, next to the .wasm files.
  const distDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
  wasm.setWasmPaths(`${distDir}/`);
  wasmConfigured = true;
}

async function activate(name: BackendName): Promise<void> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (cause) {
    throw new ClassifierError('backend-unavailable', `tfjs backend "${name}" failed to initialise`, { cause });
  }
  if (!ok) throw new ClassifierError('backend-unavailable', `tfjs backend "${name}" failed to initialise`);
  await tf.ready();
  silenceCpuBanner();
}

/**
 * Make `preferred` the active tfjs backend and return the one in use.
 * `auto`: tfjs-node when installed, otherwise {@link AUTO_FALLBACK_BACKEND}.
 * The backend is process-global in tfjs: the last call wins.
 */
export async function selectBackend(preferred: BackendPreference = 'auto'): Promise<BackendName> {
  let name: BackendName;
  if (preferred === 'auto') {
    name = (await tryImportTensorflow()) ? 'tensorflow' : AUTO_FALLBACK_BACKEND;
  } else if (preferred === 'tensorflow') {
    if (!(await tryImportTensorflow())) {
      throw new ClassifierError(
        'backend-unavailable',
        'backend "tensorflow" needs @tensorflow/tfjs-node, which is not installed; use "wasm" or "cpu"',
      );
    }
    name = 'tensorflow';
  } else {
    name = preferred;
  }
  if (name === 'wasm') await configureWasm();
  if (tf.getBackend() !== name) await activate(name);
  return name;
}
