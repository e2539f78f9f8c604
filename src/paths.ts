import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository / package root: the nearest folder above this file with a package.json (works from src/ and dist/src/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('crawlsift: cannot find package root');
    dir = parent;
  }
  return dir;
}

/** The shipped model that `filter` uses without `--model`. */
export function defaultModelDir(): string {
  return join(packageRoot(), 'classifiers', 'default');
}
