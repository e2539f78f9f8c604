import { availableParallelism, cpus } from 'node:os';
import type { ModelCard } from '../../src/classifier/index.js';

/**
 * What a benchmark's results file says about its run: when, how long, whether quick, on which
 * machine, with which model. (bench/detector.ts writes the same fields inline.)
 */
export function runInfo(started: number, quick: boolean, card: ModelCard) {
  return {
    createdAt: new Date().toISOString(),
    quick,
    seconds: (Date.now() - started) / 1000,
    machine: { cpus: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, note: 'shared with other jobs; CPU seconds are the steadier time figure' },
    model: { name: card.name, hash: card.modelHash, featureSpec: card.featureSpec.version },
  };
}
