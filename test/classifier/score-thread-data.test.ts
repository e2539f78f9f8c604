import { describe, expect, it } from 'vitest';
import { scoreThreadData } from '../../src/classifier/thread-pool-scorer.js';
import { defaultModelDir } from '../../src/paths.js';

describe('what each scoring thread starts with', () => {
  it("shares the model's class LM, read once, in SharedArrayBuffers", async () => {
    const data = await scoreThreadData({ modelDir: defaultModelDir(), backend: 'cpu' });
    expect(data).toMatchObject({ modelDir: defaultModelDir(), backend: 'cpu' });
    expect(data.classLm?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(data.classLm?.bigrams.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(data.classLm?.words.slots.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('shares none for a directory without a model: the threads report why when they load it', async () => {
    const data = await scoreThreadData({ modelDir: '/nonexistent/model' });
    expect(data.classLm).toBeUndefined();
  });
});
