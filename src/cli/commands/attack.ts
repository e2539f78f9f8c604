import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { access, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { ATTACK_KINDS, RAID_ATTACK_RATES, type AttackKind } from '../../evaluation/index.js';
import { CrawlsiftError, UsageError } from '../../errors.js';
import { attackRecord, isAttackKind, parseTextRecord } from '../attack-records.js';
import type { Command } from '../command.js';
import { parseNumberFlag } from '../parse-number.js';

const HELP = `Usage: crawlsift attack --kind <kind> <in.jsonl> <out.jsonl> [--seed <n>]

Applies one of RAID's evasion attacks (Dugan et al., ACL 2024) to the text of every record, at
RAID's rates, to test how a detector holds up: run crawlsift eval on the output. Every other
field (label, source, generator, id...) is kept as it is. Each record's attack is seeded from
--seed and the record's id (its line number when it has none): the same input and seed give
the same output.

Attack
  --kind <kind>             ${ATTACK_KINDS.join(' | ')}
                            | all: every attack, <out> is then a directory that gets <kind>.jsonl each
  --seed <n>                run seed (default: 1)

Files
  <in.jsonl>                JSONL records, each with a string "text" field
  <out.jsonl>               written atomically (temporary name, renamed when complete)

Attacks and the share of candidate positions they alter
${ATTACK_KINDS.map((k) => `  ${k.padEnd(18)}        ${RAID_ATTACK_RATES[k]}`).join('\n')}

Exit codes: 0 written, 2 error (unknown kind, unreadable input, a line without text: file and line).

Examples
  crawlsift attack --kind homoglyph ../shared/data/detect-corpus/test.jsonl test-homoglyph.jsonl
  crawlsift attack --kind all --seed 7 fixtures/labeled/dev-small.jsonl attacked/
  crawlsift eval test-homoglyph.jsonl
`;

interface Target {
  kind: AttackKind;
  path: string;
  tmp: string;
  stream: WriteStream;
}

export const attackCommand: Command = {
  name: 'attack',
  help: HELP,
  options: {
    kind: { type: 'string', short: 'k' },
    seed: { type: 'string' },
  },
  async run(values, positionals) {
    const kind = values.kind as string | undefined;
    if (kind === undefined) throw new UsageError(`attack needs --kind <kind>: one of ${ATTACK_KINDS.join(', ')}, all`);
    if (kind !== 'all' && !isAttackKind(kind)) {
      throw new UsageError(`unknown attack kind ${JSON.stringify(kind)}; kinds: ${ATTACK_KINDS.join(', ')}, all`);
    }
    if (positionals.length !== 2) throw new UsageError('attack needs an input and an output: crawlsift attack --kind <kind> <in.jsonl> <out.jsonl>');
    const seed = parseNumberFlag('seed', values.seed, { integer: true, min: 0, max: 2 ** 32 - 1 }) ?? 1;
    const [input, output] = positionals as [string, string];
    try {
      await access(input);
    } catch (cause) {
      throw new CrawlsiftError('input-unreadable', `cannot read ${input}: ${(cause as Error).message}`, { cause });
    }

    const kinds: AttackKind[] = kind === 'all' ? [...ATTACK_KINDS] : [kind as AttackKind];
    if (kind === 'all') await mkdir(output, { recursive: true });
    const targets: Target[] = kinds.map((k) => {
      const path = kind === 'all' ? join(output, `${k}.jsonl`) : output;
      const tmp = `${path}.${process.pid}.tmp`;
      return { kind: k, path, tmp, stream: createWriteStream(tmp) };
    });

    let records = 0;
    const changed = new Map<AttackKind, number>(kinds.map((k) => [k, 0]));
    try {
      const lines = createInterface({ input: createReadStream(input), crlfDelay: Infinity });
      let lineNumber = 0;
      for await (const line of lines) {
        lineNumber++;
        if (line.trim() === '') continue;
        const record = parseTextRecord(line, input, lineNumber);
        records++;
        for (const target of targets) {
          const attacked = attackRecord(record, target.kind, seed, lineNumber);
          if (attacked.text !== record.text) changed.set(target.kind, changed.get(target.kind)! + 1);
          // Respect backpressure: a large input must not pile up in memory.
          if (!target.stream.write(JSON.stringify(attacked) + '\n')) await once(target.stream, 'drain');
        }
      }
      await Promise.all(targets.map((t) => new Promise<void>((resolve, reject) => t.stream.end((error?: Error | null) => (error ? reject(error) : resolve())))));
      for (const t of targets) await rename(t.tmp, t.path);
    } catch (error) {
      await Promise.all(targets.map((t) => discard(t)));
      throw error;
    }

    for (const t of targets) {
      process.stdout.write(`${t.kind}: ${records.toLocaleString('en-US')} records written to ${t.path}, ${changed.get(t.kind)!.toLocaleString('en-US')} texts changed (seed ${seed})\n`);
    }
    return 0;
  },
};

/** Closes a half-written target and deletes its temporary file: a failed run leaves no output. */
async function discard(t: Target): Promise<void> {
  // Ending (not destroying) lets the pending open and writes finish, so nothing recreates the
  // file after it is removed; a write error here changes nothing, the file goes anyway.
  t.stream.on('error', () => undefined);
  if (!t.stream.closed) await new Promise<void>((resolve) => t.stream.end(() => resolve()).once('close', () => resolve()));
  await rm(t.tmp, { force: true });
}
