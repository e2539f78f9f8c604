import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CrawlsiftError } from './errors.js';
import { packageRoot } from './paths.js';

/** The shared labeled corpus: `$CRAWLSIFT_DATA`, else `../shared/data` beside the repository. */
export function dataDir(): string {
  const dir = process.env.CRAWLSIFT_DATA ? resolve(process.env.CRAWLSIFT_DATA) : join(packageRoot(), '..', 'shared', 'data');
  if (!existsSync(join(dir, 'detect-corpus'))) {
    throw new CrawlsiftError('data-not-found', `labeled corpus not found at ${dir}; set CRAWLSIFT_DATA to the folder holding detect-corpus/ and modern/`);
  }
  return dir;
}
