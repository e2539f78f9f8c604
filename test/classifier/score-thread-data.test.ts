import { describe, expect, it } from 'vitest';
import { scoreThreadData } from '../../src/classifier/thread-pool-scorer.js';
import { readCard } from '../../src/classifier/index.js';
import { defaultModelDir } from '../../src/paths.js';

describe('what each scoring thread starts with', () => {
  it("shares the model's class LM, read once, in SharedArrayBuffers", async () => {
    const data = await scoreThreadData({ modelDir: defaultModelDir(), backend: 'cpu' });
    expect(data).toMatchObject({ modelDir: defaultModelDir(), backend: 'cpu' });
    expect(data.classLm?.key).toBe((await readCard(defaultModelDir())).modelHash);
    expect(data.classLm?.bigrams.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(data.classLm?.words.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('shares none for a directory without a model: the threads report why when they load it', async () => {
    const data = await scoreThreadData({ modelDir: '/nonexistent/model' });
    expect(data.classLm).toBeUndefined();
  });
});
