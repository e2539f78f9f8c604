import { describe, expect, it } from 'vitest';
import { ProducerWatch } from '../../src/executors/queue/producer-watch.js';

describe('ProducerWatch', () => {
  it('says a stop once, again after the producer came back and stopped again', () => {
    const watch = new ProducerWatch();
    expect([true, false, false, false, true, true, false, false].map((running, i) => watch.look(running, i * 1_000))).toEqual([
      'running', 'stopped', 'still-stopped', 'still-stopped', 'running', 'running', 'stopped', 'still-stopped',
    ]);
  });

  it('times out once the producer has not been running for the timeout, counted from the stop it last made', () => {
    const watch = new ProducerWatch(5_000);
    expect(watch.look(false, 0)).toBe('stopped');
    expect(watch.look(false, 4_999)).toBe('still-stopped');
    expect(watch.look(true, 6_000)).toBe('running');
    expect(watch.look(false, 7_000)).toBe('stopped');
    expect(watch.look(false, 11_999)).toBe('still-stopped');
    expect(watch.look(false, 12_000)).toBe('timed-out');
  });

  it('with a timeout of 0, times out at the first look that finds no producer', () => {
    expect(new ProducerWatch(0).look(false, 123)).toBe('timed-out');
  });
});
