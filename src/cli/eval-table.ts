import type { EvalGroupResult, EvalResult } from '../evaluation/eval-result.js';
import { formatLeftOut, type ScopeLeftOut } from '../report/scope-left-out.js';

const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

const HEADER = ['', 'docs', 'AUROC', 'TPR@1%FPR', 'TPR@5%FPR', 'FPR@90%TPR', 'Brier', 'ECE', 'leak', 'human loss', 'uncertain'];

/** Leak-through, human loss and uncertain share at the thresholds: the rates a filter user pays. */
function routeRates(g: EvalGroupResult): [string, string, string] {
  const c = g.confusion;
  const nHuman = c.human.human + c.human.uncertain + c.human.synthetic;
  const nSynthetic = c.synthetic.human + c.synthetic.uncertain + c.synthetic.synthetic;
  const rate = (k: number, n: number) => (n === 0 ? 'n/a' : pct(k / n));
  return [
    rate(c.synthetic.human, nSynthetic),
    rate(c.human.synthetic, nHuman),
    rate(c.human.uncertain + c.synthetic.uncertain, nHuman + nSynthetic),
  ];
}

function row(name: string, g: EvalGroupResult): string[] {
  return [
    name,
    g.n.toLocaleString('en-US'),
    num(g.auroc),
    pct(g.tprAtFpr['0.01']),
    pct(g.tprAtFpr['0.05']),
    pct(g.fprAtTpr['0.9']),
    num(g.brier),
    num(g.ece),
    ...routeRates(g),
  ];
}

function table(rows: string[][]): string[] {
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)];
}

/**
 * The readable `crawlsift eval` output: overall, per source, per generator, and the confusion;
 * with `unscored` (`eval --scope`), first the `scope:` line saying what was left out.
 */
export function formatEvalTable(result: EvalResult, unscored?: ScopeLeftOut): string {
  const sources = Object.entries(result.bySource);
  const generators = Object.entries(result.byGenerator);
  const out = [
    ...(unscored ? [formatLeftOut(unscored), ''] : []),
    ...table([
      HEADER,
      row('all', result),
      ...sources.map(([s, g]) => row(`source ${s}`, g)),
      ...generators.map(([s, g]) => row(`generator ${s}`, g)),
    ]),
  ];
  const { low, high } = result.model.thresholds;
  const c = result.confusion;
  out.push(
    '',
    `confusion at the model's thresholds (human if score < ${low.toPrecision(4)}, synthetic if score >= ${high.toPrecision(4)}), documents:`,
    `                  routed human  routed uncertain  routed synthetic`,
    `  labeled human   ${String(c.human.human).padStart(12)}  ${String(c.human.uncertain).padStart(16)}  ${String(c.human.synthetic).padStart(16)}`,
    `  labeled synth.  ${String(c.synthetic.human).padStart(12)}  ${String(c.synthetic.uncertain).padStart(16)}  ${String(c.synthetic.synthetic).padStart(16)}`,
    '',
    'TPR@x%FPR: share of synthetic documents caught when x% of human ones are flagged; FPR@90%TPR: share of human',
    'documents flagged to catch 90% of synthetic ones; per generator: its synthetic documents against all human ones.',
    `leak = synthetic routed human, human loss = human routed synthetic; model ${result.model.name} (${result.model.hash.slice(0, 12)})`,
  );
  return out.join('\n');
}
