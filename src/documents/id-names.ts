import { resolve, sep } from 'node:path';
import { STDIN_PATH, type InputFile } from './input-format.js';

/**
 * Each input's name in derived ids (`<name>#L12`): its path below the deepest directory that holds
 * every input file of the run, with `/` between directories. One file, or files of one directory,
 * keep their base names (`dump.jsonl`); files that share a base name are told apart by the
 * directories that differ (`a/dump.jsonl`, `b/dump.jsonl`), so derived ids are unique across a run.
 * Stdin is `-` (a file named `-` becomes `./-`). Depends only on the resolved list, so the local
 * executor and the queue producer, which read the same list, derive the same ids. Pure.
 */
export function idNames(files: readonly InputFile[]): Map<string, string> {
  const paths = files.filter((f) => f.path !== STDIN_PATH).map((f) => resolve(f.path).split(sep));
  const common = commonDirectory(paths);
  const names = new Map<string, string>();
  for (const file of files) {
    if (file.path === STDIN_PATH) {
      names.set(file.path, STDIN_PATH);
      continue;
    }
    const name = resolve(file.path).split(sep).slice(common).join('/');
    names.set(file.path, name === STDIN_PATH ? `./${name}` : name);
  }
  return names;
}

/** How many leading path segments every file's directory shares. */
function commonDirectory(paths: readonly string[][]): number {
  if (paths.length === 0) return 0;
  let shared = paths[0]!.length - 1;
  for (const path of paths) {
    let i = 0;
    while (i < shared && i < path.length - 1 && path[i] === paths[0]![i]) i++;
    shared = i;
  }
  return shared;
}
