import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ModelCard } from '../../src/classifier/index.js';
import { formatTrainSummary } from '../../src/cli/train-summary.js';

const card: ModelCard = JSON.parse(readFileSync('classifiers/default/card.json', 'utf8'));

describe('formatTrainSummary', () => {
  it('names the rule that kept the epoch: the card records selectBy unless it was the dev loss', () => {
    expect(card.training.selectBy).toBe('auroc');
    const epoch = `weights of epoch ${card.training.bestEpoch} kept`;
    expect(formatTrainSummary(card, 'classifiers/default')).toContain(`${epoch} (highest dev AUROC)`);
    const { selectBy: _, ...byLoss } = card.training;
    expect(formatTrainSummary({ ...card, training: byLoss }, 'x')).toContain(`${epoch} (lowest dev loss)`);
    expect(formatTrainSummary({ ...card, training: { ...byLoss, selectBy: 'loss' } }, 'x')).toContain(`${epoch} (lowest dev loss)`);
  });
});
