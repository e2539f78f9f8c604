import type { Command } from '../command.js';

/** A subcommand as `crawlsift --help` lists it; its module (and heavy imports such as tfjs) loads only when run. */
export interface CommandEntry {
  name: string;
  /** One line for the command list. */
  summary: string;
  load(): Promise<Command>;
}

/** Every subcommand, in the order `crawlsift --help` lists them. */
export const COMMANDS: CommandEntry[] = [
  { name: 'filter', summary: 'score documents and write human/synthetic/uncertain/rejected shards', load: async () => (await import('./filter.js')).filterCommand },
  { name: 'sample', summary: 'draw documents of a finished run to label (uncertainty, stratified or random), bounded memory', load: async () => (await import('./sample.js')).sampleCommand },
  { name: 'label', summary: 'label a sample in the terminal, one document at a time; saves after every key, resumes', load: async () => (await import('./label.js')).labelCommand },
  { name: 'train', summary: 'train a detector on labeled JSONL into a model directory with its card', load: async () => (await import('./train.js')).trainCommand },
  { name: 'eval', summary: 'measure a model on labeled JSONL: AUROC, TPR at 1%/5% FPR, calibration, per source and generator', load: async () => (await import('./eval.js')).evalCommand },
  { name: 'attack', summary: 'apply a RAID evasion attack to the texts of a JSONL file (labels kept)', load: async () => (await import('./attack.js')).attackCommand },
  { name: 'tune', summary: 'pick thresholds that meet leak-through and human-loss targets on labeled data', load: async () => (await import('./tune.js')).tuneCommand },
  { name: 'stats', summary: 'corpus health of any corpus: diversity, tail share, surprisal; --compare two corpora with 95% intervals', load: async () => (await import('./stats.js')).statsCommand },
  { name: 'report', summary: 'write a self-contained HTML report of a finished run', load: async () => (await import('./report.js')).reportCommand },
  { name: 'project', summary: 'project the synthetic share of a training pool over crawl-and-retrain generations', load: async () => (await import('./project.js')).projectCommand },
  { name: 'produce', summary: 'queue executor: stream inputs into Redis as batch jobs (resumable)', load: async () => (await import('./produce.js')).produceCommand },
  { name: 'work', summary: 'queue executor: score and route batch jobs from Redis (run many)', load: async () => (await import('./work.js')).workCommand },
  { name: 'finalize', summary: 'queue executor: merge batch parts into shards and write the manifest', load: async () => (await import('./finalize.js')).finalizeCommand },
  { name: 'status', summary: 'queue executor: batches done/failed, queue depth, documents/s, ETA', load: async () => (await import('./status.js')).statusCommand },
];

/** Loads every command module: for tests that check flags across commands. */
export function loadAllCommands(): Promise<Command[]> {
  return Promise.all(COMMANDS.map((entry) => entry.load()));
}
