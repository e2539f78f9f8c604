import { chmodSync, linkSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { refuseOverwritingInput, writeOutputFile } from '../../src/cli/output-file.js';

// Lets a test make one write fail half-way, as a full disk does.
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, writeFile: vi.fn(actual.writeFile) };
});

const tmp = () => mkdtempSync(join(tmpdir(), 'crawlsift-output-file-'));

describe('refuseOverwritingInput', () => {
  it('refuses the input itself, a symbolic link and a hard link to it, naming both paths', async () => {
    const dir = tmp();
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, '{}\n');
    symlinkSync(input, join(dir, 'sym.jsonl'));
    linkSync(input, join(dir, 'hard.jsonl'));
    for (const output of [input, join(dir, 'sym.jsonl'), join(dir, 'hard.jsonl'), join(dir, '.', 'in.jsonl')]) {
      const error = await refuseOverwritingInput('eval', output, '--report', [join(dir, 'other.jsonl'), input]).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'usage', exitCode: 2 });
      expect((error as Error).message).toBe(`eval would overwrite its input ${input} (--report ${output} is the same file); write to another file`);
    }
  });

  it('lets through a new file, another file, and inputs that do not exist', async () => {
    const dir = tmp();
    const input = join(dir, 'in.jsonl');
    writeFileSync(input, '{}\n');
    writeFileSync(join(dir, 'copy.jsonl'), '{}\n');
    await expect(refuseOverwritingInput('tune', join(dir, 'new.json'), '--out', [input])).resolves.toBeUndefined();
    await expect(refuseOverwritingInput('tune', join(dir, 'copy.jsonl'), '--out', [input, join(dir, 'missing.jsonl'), '-'])).resolves.toBeUndefined();
  });
});

describe('writeOutputFile', () => {
  it('leaves the old file whole and no temporary file when a write fails half-way', async () => {
    const dir = tmp();
    const path = join(dir, 'report.html');
    writeFileSync(path, 'the old report\n');
    const actual = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    vi.mocked(fsPromises.writeFile).mockImplementationOnce(async (file, data) => {
      await actual.writeFile(file as string, String(data).slice(0, 10));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    await expect(writeOutputFile(path, '<!doctype html><p>a long new report</p>\n', '--report')).rejects.toMatchObject({
      code: 'output-unwritable',
      message: expect.stringContaining(`cannot write --report ${path}: ENOSPC`),
    });
    expect(readFileSync(path, 'utf8')).toBe('the old report\n');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });

  it('replaces the file whole, keeps its permissions, and writes through a symbolic link', async () => {
    const dir = tmp();
    const target = join(dir, 'target.html');
    writeFileSync(target, 'old');
    chmodSync(target, 0o640);
    symlinkSync(target, join(dir, 'link.html'));
    await writeOutputFile(join(dir, 'link.html'), 'new', '-o');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    await expect(fsPromises.readlink(join(dir, 'link.html'))).resolves.toBe(target);
    await writeOutputFile(join(dir, 'fresh.html'), 'fresh', '-o');
    expect(readFileSync(join(dir, 'fresh.html'), 'utf8')).toBe('fresh');
    expect(readdirSync(dir).sort()).toEqual(['fresh.html', 'link.html', 'target.html']);
  });
});
