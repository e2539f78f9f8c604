import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

// The rules are declarative, in .dependency-cruiser.cjs; this runs dependency-cruiser with them.
const CONFIG = resolve('.dependency-cruiser.cjs');
const DEPCRUISE = resolve('node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const TREES = ['src', 'workers', 'scripts', 'bench'];

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string };
  cycle?: Array<{ name: string }>;
}

interface CruiseSummary {
  violations: Violation[];
  totalCruised: number;
  totalDependenciesCruised: number;
}

/** Cruises `paths` under `cwd` with the project's rules; depcruise exits non-zero on a violation, its JSON is read either way. */
async function cruise(cwd: string): Promise<{ summary: CruiseSummary; modules: Array<{ source: string; dependencies: Array<{ resolved: string }> }> }> {
  const args = [DEPCRUISE, '--config', CONFIG, '--output-type', 'json', ...TREES];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd, maxBuffer: 256 * 1024 * 1024 }).catch(
    (error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`dependency-cruiser failed: ${error.stderr ?? String(error)}`);
      return { stdout: error.stdout };
    },
  );
  return JSON.parse(stdout);
}

/** `from -> to` (a cycle: its files in order) for each violation of `rule`. */
function violationsOf(summary: CruiseSummary, rule: string): string[] {
  return summary.violations
    .filter((v) => v.rule.name === rule)
    .map((v) => (v.cycle ? [v.from, ...v.cycle.map((c) => c.name)].join(' -> ') : `${v.from} -> ${v.to}`));
}

describe('import rules on src/, workers/, scripts/ and bench/', () => {
  let result: Awaited<ReturnType<typeof cruise>>;
  beforeAll(async () => {
    result = await cruise(process.cwd());
  });

  it('cruises every source file and follows their imports', () => {
    expect(result.summary.totalCruised).toBeGreaterThan(200);
    const main = result.modules.find((m) => m.source === 'src/cli/main.ts');
    expect(main?.dependencies.map((d) => d.resolved)).toContain('src/cli/command.ts');
  });

  it.each([
    ['no-circular', 'no import cycle between files (type-only imports included)'],
    ['cli-only-from-cli', 'nothing under src/ but src/cli/ imports src/cli/'],
    ['stages-not-to-run-loop', 'what the pipeline runs never imports src/pipeline/ or src/executors/'],
    ['shipped-not-to-tools', 'src/ and workers/ import neither bench/, scripts/ nor test/'],
    ['no-unresolvable', 'every import resolves, so no edge escapes the rules'],
  ])('%s: %s', (rule) => {
    expect(violationsOf(result.summary, rule)).toEqual([]);
  });

  // The shipped model and reference LM are built from library code (src/training), not from bench/.
  it('scripts-not-to-bench: scripts/ imports nothing from bench/', () => {
    expect(violationsOf(result.summary, 'scripts-not-to-bench')).toEqual([]);
  });
});

describe('the import rules catch what they forbid (fixtures/import-rules)', () => {
  let summary: CruiseSummary;
  beforeAll(async () => {
    summary = (await cruise(resolve('fixtures/import-rules'))).summary;
  });

  it.each([
    ['no-circular', ['src/a.ts -> src/b.ts -> src/a.ts']],
    ['cli-only-from-cli', ['src/queue/worker.ts -> src/cli/logger.ts']],
    ['stages-not-to-run-loop', ['src/dedup/signature-file.ts -> src/pipeline/shards.ts']],
    ['shipped-not-to-tools', ['src/paths.ts -> bench/lab.ts']],
    ['scripts-not-to-bench', ['scripts/build.ts -> bench/lab.ts']],
    ['no-unresolvable', ['src/unresolved.ts -> ./gone.js']],
  ])('%s', (rule, expected) => {
    expect(violationsOf(summary, rule)).toEqual(expected);
  });

  it('lets the CLI import the library, and bench/ and workers/ import src/', () => {
    expect(summary.violations.map((v) => v.from)).not.toContain('src/cli/main.ts');
    expect(summary.violations.map((v) => v.from)).not.toContain('bench/lab.ts');
    expect(summary.violations.map((v) => v.from)).not.toContain('workers/worker.ts');
  });
});
