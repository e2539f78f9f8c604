import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CrawlsiftError } from '../errors.js';

let cached: string | undefined;

/**
 * The Chart.js UMD bundle's source, read from node_modules at render time so the report
 * page carries it inline and needs no network when viewed. The bundle is not in the
 * package's `exports`, so it is found next to the resolved main entry (`dist/chart.cjs`).
 */
export function chartLibrarySource(): string {
  if (cached !== undefined) return cached;
  let distDir: string;
  try {
    distDir = dirname(createRequire(import.meta.url).resolve('chart.js'));
  } catch (error) {
    throw new CrawlsiftError('chart-library-missing', 'cannot find chart.js in node_modules: run npm install', { cause: error });
  }
  const path = ['chart.umd.min.js', 'chart.umd.js'].map((f) => join(distDir, f)).find((p) => existsSync(p));
  if (!path) throw new CrawlsiftError('chart-library-missing', `no Chart.js UMD bundle in ${distDir}: reinstall chart.js`);
  cached = readFileSync(path, 'utf8');
  return cached;
}
