import { stat } from 'node:fs/promises';
import { DEFAULT_TRAINING, FINE_TUNE_DEFAULTS, fineTuneDetector, readCard, trainDetector, type EpochProgress, type LabeledInput } from '../../classifier/index.js';
import { findBaseData } from '../../classifier/base-data.js';
import { UsageError } from '../../errors.js';
import { z } from 'zod';
import { defineCommand } from '../command.js';
import { choiceFlag, numberFlag, switchFlag, textFlag, textsFlag } from '../flag-schema.js';
import { getLogger } from '../../logger.js';
import { progressEnabled } from '../progress-display.js';
import { recipeInputs } from '../recipe-inputs.js';
import { formatTrainSummary } from '../train-summary.js';

const HELP = `Usage: crawlsift train --data <labeled.jsonl...> --out <dir> [options]
       crawlsift train --base <model-dir> --data <labeled.jsonl...> --out <dir> [options]

Trains a detector on labeled documents and writes model.json, weights.bin and card.json into
--out. The score is calibrated on the dev data (Platt scaling) so that it reads as a
probability, and the card records the feature spec, the training data hashes and counts, dev
metrics and default thresholds. The same data, options and seed give the same model.json and
weights.bin, byte for byte (card.json differs only in createdAt, and in name unless --name is
given).

Data
  --data <file>             labeled JSONL: text, label (human | synthetic), optional source,
                            generator, id; repeat for several files. Lines with label null are
                            passed over; documents marked split: holdout (sample --holdout) are never
                            trained on and, without --dev, are the dev data
  --dev <file>              labeled JSONL for early stopping, calibration, thresholds and dev
                            metrics; repeat to pool several files, e.g. a dev sample of each
                            kind of text trained on (default: a deterministic 10% of --data,
                            by id hash, held out of training); a --dev file that is also a
                            --data file is warned about

Fine-tune (--base)
  --base <dir>              start from this model (e.g. classifiers/default) instead of new weights:
                            same features (a base with another feature spec is refused), its
                            architecture, settings and n-gram weights; a few epochs of its dense
                            layers on --data mixed with its own training data, the last kept;
                            calibration and default thresholds are fitted again on the dev data
                            (default: --data's split: holdout documents, else the base's dev
                            data). The card records the lineage
  --replay <file>           the base's training data to mix in, labeled JSONL, repeatable (default:
                            the files its card lists, found by sha256 where it says, or in the
                            shared corpus for the shipped model; refused when they cannot be found)
  --replay-ratio <r>        base training documents mixed in per new document, half of each label
                            (default: ${FINE_TUNE_DEFAULTS.replayRatio}; 0 fine-tunes on --data alone, and it forgets faster)
  --class-lm-weight <n>     add --data's documents to the base's class LMs, each counted n times, so
                            that they know your text's words on each side; each is scored by the LMs
                            without its own fold (default: ${FINE_TUNE_DEFAULTS.learnClassLm}; 0 keeps the base's class LMs as they are)

Model
  --out <dir>               output directory, e.g. classifiers/my-crawl (required; created if
                            missing, refused before training when it is a file)
  --name <name>             model name in the card (default: the last segment of --out)
  --seed <n>                seeds initialisers and shuffling (default: 1)
  --epochs <n>              most passes over the training data, 1..1000; stops earlier when the
                            dev figure of --select-by has not improved for 2 epochs (default: 12;
                            with --base: ${FINE_TUNE_DEFAULTS.epochs}, all of them run)
  --select-by <auroc|loss>  which epoch's weights are kept: the best dev AUROC or the lowest
                            dev log loss (default: auroc, as the default model)
  --length-crops <n>        extra copies of each training document cut to 80-320 words from a
                            random word on, so that length does not stand in for the label;
                            0 trains on the documents only (default: 2, as the default model)
  --embedding-dim <n>       width of the n-gram table's rows (default: 1, as the default model)
  --class-lm-folds <n>      build class-conditional LMs (a word bigram LM of the machine texts and one
                            of the human texts, saved as class-lm.bin) and add their likelihood-ratio
                            features; each training document is scored by LMs built without its fold
                            (n folds by source document); 0 trains without them (default:
                            ${DEFAULT_TRAINING.classLm.folds}, as the default model)

Run
  --json                    print card.json to stdout instead of the summary
  --log-level <level>       info prints a line per epoch when no progress bar is drawn
  --debug                   stack traces on errors

A progress bar (epoch, loss) is drawn on a terminal only, never in CI or when piped.

Exit codes: 0 trained, 2 error (bad flags, unreadable or invalid labeled data: file and line; an
--out that is a file; dev data, given or held out, without both labels).

Examples
  crawlsift train --base classifiers/default --data sample.jsonl --out classifiers/my-crawl
  crawlsift train --data fixtures/labeled/train-small.jsonl --dev fixtures/labeled/dev-small.jsonl --out classifiers/tiny --epochs 3
  crawlsift train --data crawl-sample.jsonl --data ../shared/data/detect-corpus/train.jsonl --out classifiers/my-crawl --seed 7
`;

export const trainCommand = defineCommand({
  name: 'train',
  help: HELP,
  options: {
    data: { type: 'string', multiple: true },
    dev: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
    name: { type: 'string' },
    seed: { type: 'string' },
    epochs: { type: 'string' },
    'length-crops': { type: 'string' },
    'embedding-dim': { type: 'string' },
    'select-by': { type: 'string' },
    'class-lm-folds': { type: 'string' },
    base: { type: 'string' },
    replay: { type: 'string', multiple: true },
    'replay-ratio': { type: 'string' },
    'class-lm-weight': { type: 'string' },
    json: { type: 'boolean' },
  },
  flags: z.object({
    data: textsFlag(),
    dev: textsFlag(),
    out: textFlag(),
    name: textFlag(),
    seed: numberFlag({ integer: true, min: 0, max: 2 ** 32 - 1 }),
    epochs: numberFlag({ integer: true, min: 1, max: 1000 }),
    'length-crops': numberFlag({ integer: true, min: 0, max: 20 }),
    'embedding-dim': numberFlag({ integer: true, min: 1, max: 16 }),
    'select-by': choiceFlag(['auroc', 'loss'], (got) => `must be auroc or loss (got ${got})`),
    'class-lm-folds': numberFlag({ integer: true, min: 0, max: 20 }),
    base: textFlag(),
    replay: textsFlag(),
    'replay-ratio': numberFlag({ min: 0, max: 100 }),
    'class-lm-weight': numberFlag({ integer: true, min: 0, max: 1000 }),
    json: switchFlag(),
  }),
  async run(flags, positionals) {
    if (positionals.length > 0) {
      throw new UsageError(`train takes its files as --data <file> (got ${JSON.stringify(positionals[0])} without a flag)`);
    }
    const data = flags.data ?? [];
    if (data.length === 0) throw new UsageError('train needs at least one --data <labeled.jsonl>');
    const out = flags.out;
    if (!out) throw new UsageError('train needs --out <dir> (e.g. classifiers/my-crawl)');
    const { seed, epochs, name } = flags;
    const copies = flags['length-crops'] ?? DEFAULT_TRAINING.lengthCrops.copies;
    const embeddingDim = flags['embedding-dim'] ?? DEFAULT_TRAINING.embeddingDim;
    const selectBy = flags['select-by'] ?? DEFAULT_TRAINING.selectBy;
    const classLmFolds = flags['class-lm-folds'] ?? DEFAULT_TRAINING.classLm.folds;
    if (classLmFolds === 1) throw new UsageError('--class-lm-folds must be 0 (no class LMs) or 2 or more');
    if (name !== undefined && name.trim() === '') throw new UsageError('--name must not be empty');

    const dev = flags.dev ?? [];
    await warnDevIsData(dev, data);
    const bar = progressEnabled();
    const log = getLogger();
    // The bar shows the same figures on a terminal; a log line would tear it.
    const onEpoch = bar ? undefined : (p: EpochProgress) => log.info({ ...p }, epochLine(p));
    const base = flags.base;
    if (base !== undefined) {
      for (const flag of ['length-crops', 'embedding-dim', 'select-by', 'class-lm-folds'] as const) {
        if (flags[flag] !== undefined) throw new UsageError(`--${flag} cannot be set with --base: a fine-tune keeps its base's (it runs a fixed number of epochs and keeps the last)`);
      }
      const replayRatio = flags['replay-ratio'] ?? FINE_TUNE_DEFAULTS.replayRatio;
      const learnClassLm = flags['class-lm-weight'] ?? FINE_TUNE_DEFAULTS.learnClassLm;
      const { card, dir } = await fineTune({ base, data, dev, out, name, seed, epochs, replayRatio, learnClassLm, replay: flags.replay, bar, onEpoch });
      if (flags.json) process.stdout.write(JSON.stringify(card, null, 2) + '\n');
      else process.stdout.write(formatTrainSummary(card, dir) + '\n');
      return 0;
    }
    if (flags.replay !== undefined || flags['replay-ratio'] !== undefined || flags['class-lm-weight'] !== undefined) {
      throw new UsageError('--replay, --replay-ratio and --class-lm-weight go with --base <model-dir> (a fine-tune)');
    }
    const { card, dir } = await trainDetector({
      data,
      dev: dev.length > 0 ? dev : undefined,
      out,
      name,
      seed,
      epochs,
      learningRate: DEFAULT_TRAINING.learningRate,
      embeddingDim,
      selectBy,
      balance: DEFAULT_TRAINING.balance,
      lengthCrops: copies > 0 ? { ...DEFAULT_TRAINING.lengthCrops, copies } : undefined,
      ...(classLmFolds > 0 ? { classLm: { folds: classLmFolds } } : {}),
      progressBar: bar,
      onEpoch,
    });

    if (flags.json) process.stdout.write(JSON.stringify(card, null, 2) + '\n');
    else process.stdout.write(formatTrainSummary(card, dir) + '\n');
    return 0;
  },
});

/**
 * Warns when a --dev file is one of the --data files (by device and inode, so another spelling of
 * the path or a link is caught too): the model is then judged, calibrated and given its thresholds
 * on documents it was trained on. Files that cannot be read are left to the reader's error.
 */
async function warnDevIsData(dev: string[], data: string[]): Promise<void> {
  const identity = async (path: string) => {
    const info = await stat(path).catch(() => undefined);
    return info && `${info.dev}:${info.ino}`;
  };
  const dataIds = new Map<string, string>();
  for (const file of data) {
    const id = await identity(file);
    if (id !== undefined && !dataIds.has(id)) dataIds.set(id, file);
  }
  for (const file of new Set(dev)) {
    const id = await identity(file);
    const same = id === undefined ? undefined : dataIds.get(id);
    if (same === undefined) continue;
    process.stderr.write(
      `crawlsift: warning: --dev ${file} is the same file as --data ${same}: its documents are trained on and are the dev data too, ` +
        'so early stopping, calibration, the default thresholds and the dev metrics in the card are all too optimistic\n',
    );
  }
}

/**
 * `train --base`: the replay data is --replay, else what the base's card lists, found again (the
 * shipped model's through the default recipe); the dev data is --dev, else --data's held-out
 * documents, else the base's dev data when all of it is found.
 */
async function fineTune(o: {
  base: string; data: string[]; dev: string[]; out: string; name?: string; seed?: number; epochs?: number; replayRatio: number;
  learnClassLm: number; replay?: string[]; bar: boolean; onEpoch?: (p: EpochProgress) => void;
}) {
  const card = await readCard(o.base);
  const known = recipeInputs();
  let replay: LabeledInput[] = (o.replay ?? []).map((path) => ({ path }));
  if (o.replay === undefined && o.replayRatio > 0) {
    const found = await findBaseData(card, 'train', known);
    if (found.missing.length > 0) {
      throw new UsageError(
        `cannot find the training data of --base ${o.base} to mix in: ${found.missing.join('; ')}. ` +
          'Give it with --replay <labeled.jsonl> (repeatable), or --replay-ratio 0 to fine-tune on --data alone (it then forgets more of what it knew)',
      );
    }
    replay = found.inputs;
  }
  const baseDev = await findBaseData(card, 'dev', known);
  return fineTuneDetector({
    base: o.base,
    data: o.data,
    replay,
    replayRatio: o.replayRatio,
    learnClassLm: o.learnClassLm,
    dev: o.dev.length > 0 ? o.dev : undefined,
    baseDev: baseDev.missing.length === 0 && baseDev.inputs.length > 0 ? baseDev.inputs : undefined,
    out: o.out,
    name: o.name,
    seed: o.seed,
    epochs: o.epochs,
    progressBar: o.bar,
    onEpoch: o.onEpoch,
  });
}

function epochLine(p: EpochProgress): string {
  return `epoch ${p.epoch}/${p.epochs}: train loss ${p.trainLoss.toFixed(4)}, dev loss ${p.devLoss.toFixed(4)} nats/doc, dev AUROC ${p.devAuroc.toFixed(3)}${p.best ? ' (best so far, kept)' : ''}`;
}
