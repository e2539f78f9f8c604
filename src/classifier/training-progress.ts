import cliProgress from 'cli-progress';

/** Where training stands, passed to `onEpoch` after every epoch. */
export interface EpochProgress {
  epoch: number;
  epochs: number;
  /** Mean class-weighted training log loss of the epoch (nats per document). */
  trainLoss: number;
  /** Unweighted log loss on the calibration/dev documents (nats per document). */
  devLoss: number;
  /** AUROC of the dev logits (ranking only, so the same before and after calibration). */
  devAuroc: number;
  /** Whether this epoch is the best so far on dev (by `selectBy`; its weights are kept). */
  best: boolean;
}

/** Per-step progress sink: a redrawn bar on a terminal, nothing otherwise. */
export interface StepProgress {
  step(epoch: number, loss: number): void;
  stop(): void;
}

/**
 * A cli-progress bar with epoch and running loss, only when stderr is a terminal (the CLI
 * gets `onEpoch` callbacks instead; piped output and CI logs stay clean).
 */
export function createStepProgress(totalSteps: number, epochs: number, enabled: boolean): StepProgress {
  if (!enabled) return { step: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: 'training [{bar}] epoch {epoch}/{epochs} | loss {loss} | {value}/{total} steps',
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalSteps, 0, { epoch: 1, epochs, loss: '-' });
  return {
    step: (epoch, loss) => bar.increment(1, { epoch, epochs, loss: loss.toFixed(4) }),
    stop: () => bar.stop(),
  };
}
