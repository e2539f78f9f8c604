import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { ByteMeter } from '../../documents/byte-meter.js';
import { openInput } from '../../documents/open-input.js';
import { ATTACK_KINDS, attackRecord, isAttackKind, parseTextRecord, RAID_ATTACK_RATES, type AttackKind } from '../../evaluation/index.js';
import { CrawlsiftError, UsageError } from '../../errors.js';
import { z } from 'zod';
import { defineCommand } from '../command.js';
import { numberFlag, textFlag } from '../flag-schema.js';
import { checkWritableFile, makeOutputDir, refuseOverwritingInput } from '../output-file.js';

const HELP = `Usage: crawlsift attack --kind <kind> <in.jsonl> <out.jsonl> [--seed <n>]

Applies one of RAID's evasion attacks (Dugan et al., ACL 2024) to the text of every record, at
RAID's rates, or the emoji attack (pictographs and emoji sequences appended and inserted), to
test how a detector holds up: run crawlsift eval on the output. Every other
field (label, source, generator, id...) is kept as it is. Each record's attack is seeded from
--seed and the record's id (its line number when it has none): the same input and seed give
the same output.

Attack
  --kind <kind>             ${ATTACK_KINDS.join(' | ')}
                            | all: every attack, <out> is then a directory that gets <kind>.jsonl each
  --seed <n>                run seed (default: 1)

Files
  <in.jsonl>                JSONL records (or .jsonl.gz, .jsonl.zst), each with a string "text" field
  <out.jsonl>               written atomically (temporary name, renamed when complete): gzip when
                            the name ends in .gz, else plain JSONL; never the input itself

Attacks and the share of candidate positions they alter
${ATTACK_KINDS.map((k) => `  ${k.padEnd(18)}        ${RAID_ATTACK_RATES[k]}`).join('\n')}

Exit codes: 0 written, 2 error (unknown kind, unreadable input, a line without text: file and line,
an output that is the input or cannot be written).

Examples
  crawlsift attack --kind homoglyph ../shared/data/detect-corpus/test.jsonl test-homoglyph.jsonl
  crawlsift attack --kind all --seed 7 fixtures/labeled/dev-small.jsonl attacked/
  crawlsift eval test-homoglyph.jsonl
`;

interface Target {
  kind: AttackKind;
  path: string;
  tmp: string;
  /** Where lines are written: the file, or a gzip stream in front of it. */
  stream: Writable;
  /** Settles when every byte is in the file (or the first error). */
  flushed: Promise<void>;
  /** The first write error; the stream's own 'error' event would otherwise crash the process. */
  error?: Error;
}

export const attackCommand = defineCommand({
  name: 'attack',
  help: HELP,
  options: {
    kind: { type: 'string', short: 'k' },
    seed: { type: 'string' },
  },
  flags: z.object({
    // A kind, or all; checked in run, whose messages list the kinds.
    kind: textFlag(),
    seed: numberFlag({ integer: true, min: 0, max: 2 ** 32 - 1 }),
  }),
  async run(flags, positionals) {
    const kind = flags.kind;
    if (kind === undefined) throw new UsageError(`attack needs --kind <kind>: one of ${ATTACK_KINDS.join(', ')}, all`);
    if (kind !== 'all' && !isAttackKind(kind)) {
      throw new UsageError(`unknown attack kind ${JSON.stringify(kind)}; kinds: ${ATTACK_KINDS.join(', ')}, all`);
    }
    if (positionals.length !== 2) throw new UsageError('attack needs an input and an output: crawlsift attack --kind <kind> <in.jsonl> <out.jsonl>');
    const seed = flags.seed ?? 1;
    const [input, output] = positionals as [string, string];
    const inputInfo = await stat(input).catch((cause: Error) => {
      throw new CrawlsiftError('input-unreadable', `cannot read ${input}: ${cause.message}`, { cause });
    });
    if (inputInfo.isDirectory()) throw new CrawlsiftError('input-unreadable', `cannot read ${input}: it is a directory, not a JSONL file`);

    const kinds: AttackKind[] = kind === 'all' ? [...ATTACK_KINDS] : [kind];
    const paths = kinds.map((k) => (kind === 'all' ? join(output, `${k}.jsonl`) : output));
    for (const path of paths) await refuseOverwritingInput('attack', path, 'output', [input]);
    if (kind === 'all') await makeOutputDir(output, 'output directory');
    for (const path of paths) await checkWritableFile(path, 'output');
    const targets = await openTargets(kinds, paths);

    let records = 0;
    const changed = new Map<AttackKind, number>(kinds.map((k) => [k, 0]));
    try {
      // The readers' opener: gzip and zstd told by their bytes, multi-member and multi-frame files read whole.
      const opened = await openInput(input, { decompress: true, meter: new ByteMeter() });
      const lines = createInterface({ input: Readable.from(opened.bytes), crlfDelay: Infinity });
      let lineNumber = 0;
      try {
        for await (const line of lines) {
          lineNumber++;
          if (line.trim() === '') continue;
          const record = parseTextRecord(line, input, lineNumber);
          records++;
          for (const target of targets) {
            const attacked = attackRecord(record, target.kind, seed, lineNumber);
            if (attacked.text !== record.text) changed.set(target.kind, changed.get(target.kind)! + 1);
            await writeLine(target, JSON.stringify(attacked) + '\n');
          }
        }
      } catch (error) {
        if (error instanceof CrawlsiftError) throw error;
        throw new CrawlsiftError('input-unreadable', `cannot read ${input}: ${(error as Error).message}`, { cause: error });
      }
      for (const t of targets) await close(t);
      for (const t of targets) await rename(t.tmp, t.path).catch((cause: Error) => { throw unwritable(t, cause); });
    } catch (error) {
      await Promise.all(targets.map((t) => discard(t)));
      throw error;
    }

    for (const t of targets) {
      process.stdout.write(`${t.kind}: ${records.toLocaleString('en-US')} records written to ${t.path}, ${changed.get(t.kind)!.toLocaleString('en-US')} texts changed (seed ${seed})\n`);
    }
    return 0;
  },
});

/** Opens each target's temporary file; on a failure the ones already opened are removed. */
async function openTargets(kinds: AttackKind[], paths: string[]): Promise<Target[]> {
  const targets: Target[] = [];
  try {
    for (const [i, kind] of kinds.entries()) {
      const path = paths[i]!;
      const tmp = `${path}.${process.pid}.tmp`;
      const handle = await open(tmp, 'w').catch((cause: Error) => { throw new CrawlsiftError('output-unwritable', `cannot write ${path}: ${cause.message}`, { cause }); });
      const file = handle.createWriteStream();
      const gzip = path.toLowerCase().endsWith('.gz') ? createGzip() : undefined;
      const stream = gzip ?? file;
      const target: Target = { kind, path, tmp, stream, flushed: gzip ? pipeline(gzip, file) : finished(file) };
      target.flushed.catch((error: Error) => (target.error ??= error));
      stream.on('error', (error: Error) => (target.error ??= error));
      targets.push(target);
    }
  } catch (error) {
    await Promise.all(targets.map((t) => discard(t)));
    throw error;
  }
  return targets;
}

const unwritable = (t: Target, cause: Error) => new CrawlsiftError('output-unwritable', `cannot write ${t.path}: ${cause.message}`, { cause });

/** Writes with backpressure (a large input must not pile up in memory); a write error is a one-line error. */
async function writeLine(t: Target, text: string): Promise<void> {
  if (t.error) throw unwritable(t, t.error);
  try {
    if (!t.stream.write(text)) await once(t.stream, 'drain');
  } catch (cause) {
    throw unwritable(t, cause as Error);
  }
}

async function close(t: Target): Promise<void> {
  try {
    t.stream.end();
    await t.flushed;
  } catch (cause) {
    throw unwritable(t, cause as Error);
  }
  if (t.error) throw unwritable(t, t.error);
}

/** Closes a half-written target and deletes its temporary file: a failed run leaves no output. */
async function discard(t: Target): Promise<void> {
  // Ending (not destroying) lets the pending writes finish, so nothing recreates the file after it
  // is removed; a write error here changes nothing, the file goes anyway.
  if (!t.stream.closed) {
    t.stream.end();
    await t.flushed.catch(() => undefined);
  }
  await rm(t.tmp, { force: true });
}
