import { z } from 'zod';
import { projectSyntheticShare, type ProjectionRow } from '../../evaluation/projection.js';
import { formatPercent } from '../../evaluation/format.js';
import { UsageError } from '../../errors.js';
import { PROJECTION_ASSUMPTIONS } from '../../report/run-report.js';
import { defineCommand } from '../command.js';
import { numberFlag, switchFlag } from '../flag-schema.js';

const HELP = `Usage: crawlsift project --leak <rate> --prevalence <p> --generations <k> [options]

Projects how the synthetic share of a training pool grows over k crawl-and-retrain
generations if the filter keeps the given leak-through. Each generation's human shard is the
mixture (1 - a) P_human + a P_synthetic, with a = p*leak / (p*leak + (1 - p)*(1 - humanLoss)).

Figures (fractions 0..1; take them from a run's manifest: canaries.leakThrough.rate,
canaries.humanLoss.rate, estimates.prevalence.estimate; null there means the run had no canaries
of that label, or that its canaries cannot identify the prevalence (estimates.prevalence.notIdentifiable
says why), so there is no figure to take)
  --leak <rate>             fraction of synthetic documents routed human (required)
  --prevalence <p>          synthetic prevalence of the first crawl (required)
  --generations <k>         generations to project, an integer >= 1 (required)
  --human-loss <h>          fraction of human documents kept out of the human shard (default: 0)
  --growth <g>              fraction of the still-human web replaced by synthetic text per
                            generation: p <- p + (1 - p)*g (default: 0, prevalence fixed)

Output
  --json                    print the rows as JSON

Assumptions: ${PROJECTION_ASSUMPTIONS}

Examples
  crawlsift project --leak 0.05 --prevalence 0.3 --generations 5
  crawlsift project --leak 0.02 --human-loss 0.01 --prevalence 0.2 --growth 0.1 --generations 10 --json
`;

export const projectCommand = defineCommand({
  name: 'project',
  help: HELP,
  options: {
    leak: { type: 'string' },
    prevalence: { type: 'string' },
    generations: { type: 'string' },
    'human-loss': { type: 'string' },
    growth: { type: 'string' },
    json: { type: 'boolean' },
  },
  flags: z.object({
    leak: numberFlag({ min: 0, max: 1 }),
    prevalence: numberFlag({ min: 0, max: 1 }),
    generations: numberFlag({ integer: true, min: 1, max: 10_000 }),
    'human-loss': numberFlag({ min: 0, max: 1 }),
    growth: numberFlag({ min: 0, max: 1 }),
    json: switchFlag(),
  }),
  async run(flags, positionals) {
    if (positionals.length > 0) throw new UsageError(`project takes no positional arguments, got ${JSON.stringify(positionals[0])}`);
    const { leak, prevalence, generations } = flags;
    if (leak === undefined || prevalence === undefined || generations === undefined) {
      throw new UsageError('project needs --leak <rate>, --prevalence <p> and --generations <k>');
    }
    const humanLoss = flags['human-loss'] ?? 0;
    const growth = flags.growth ?? 0;
    const rows = projectSyntheticShare({ leak, prevalence, generations, humanLoss, growth });
    if (flags.json) {
      process.stdout.write(JSON.stringify({ input: { leak, prevalence, generations, humanLoss, growth }, rows }, null, 2) + '\n');
    } else {
      process.stdout.write(formatProjectionTable(rows, { leak, humanLoss, growth }) + '\n');
    }
    return 0;
  },
});

/** The projection as a text table, fractions shown as percentages. */
export function formatProjectionTable(rows: readonly ProjectionRow[], input: { leak: number; humanLoss: number; growth: number }): string {
  const header = ['generation', 'crawl prevalence', 'synthetic share of human shard', 'synthetic share of cumulative pool'];
  const body = rows.map((r) => [String(r.generation), formatPercent(r.prevalence), formatPercent(r.syntheticShare), formatPercent(r.cumulativeSyntheticShare)]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [
    `leak-through ${formatPercent(input.leak)}, human loss ${formatPercent(input.humanLoss)}, prevalence growth ${formatPercent(input.growth)} per generation`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n');
}
