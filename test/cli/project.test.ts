import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('crawlsift project', () => {
  it('prints the synthetic share per generation', async () => {
    const result = await runCli(['project', '--leak', '0.1', '--prevalence', '0.5', '--generations', '3']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // a = 0.5*0.1 / (0.5*0.1 + 0.5*1) = 1/11 = 9.09%, every generation (fixed prevalence).
    const rows = result.stdout.split('\n').filter((l) => /^\d\s/.test(l));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/50%\s+9\.09%\s+9\.09%$/);
  });

  it('prints JSON rows with growth and human loss', async () => {
    const result = await runCli(['project', '--leak', '0.2', '--prevalence', '0.2', '--growth', '0.5', '--human-loss', '0.5', '--generations', '2', '--json']);
    expect(result.code).toBe(0);
    const { rows } = JSON.parse(result.stdout);
    // Generation 1: p = 0.2 + 0.8*0.5 = 0.6; a = 0.6*0.2 / (0.6*0.2 + 0.4*0.5) = 0.12/0.32.
    expect(rows[1].prevalence).toBeCloseTo(0.6, 12);
    expect(rows[1].syntheticShare).toBeCloseTo(0.375, 12);
    // Cumulative: (0.04 + 0.12) / (0.04 + 0.4 + 0.12 + 0.2).
    expect(rows[1].cumulativeSyntheticShare).toBeCloseTo(0.16 / 0.76, 12);
  });

  it('refuses a rate outside 0..1 with exit code 2', async () => {
    const result = await runCli(['project', '--leak', '1.5', '--prevalence', '0.2', '--generations', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--leak must be a number between 0 and 1, got "1\.5"/);
  });
});
