/**
 * Builds spoken-lm.bin, the spoken-English reference LM of the lab's lm_spoken_* features
 * (bench/detector-lab/spoken-lm-features.ts), from Debian's pocketsphinx-en-us trigram model (CMU
 * Sphinx, BSD-2-Clause: bench/detector-lab/LICENSE-spoken-lm.txt, keep it with any copy), pruned
 * to --max-ngrams bigrams and trigrams. Lab only: the features were tried as sig-5 and not adopted
 * (bench/detector-lab/RESULTS.md, "The spoken-English LM"), so the file is neither committed nor
 * shipped: it goes to the lab's ignored tmp/ folder, where spokenLm() looks for it.
 *
 *   apt-get install pocketsphinx-en-us
 *   npx tsx bench/detector-lab/build-spoken-lm.ts [--from <en-us.lm.bin>] [--max-ngrams 1000000] [--out bench/detector-lab/tmp]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { SPOKEN_LM_FILE } from './spoken-lm/features.js';
import { DEBIAN_SPHINX_LM, writeSpokenLmFromSphinx } from './spoken-lm/build.js';

const { values: args } = parseArgs({
  options: {
    from: { type: 'string', default: DEBIAN_SPHINX_LM },
    'max-ngrams': { type: 'string', default: '1000000' },
    out: { type: 'string', default: dirname(SPOKEN_LM_FILE) },
  },
});
if (!existsSync(args.from!)) {
  console.error(`${args.from} not found: apt-get install pocketsphinx-en-us (Debian), or give --from <en-us.lm.bin>`);
  process.exit(2);
}
const debianVersion = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'pocketsphinx-en-us'], { encoding: 'utf8' }).stdout || null;
mkdirSync(args.out!, { recursive: true });
const path = join(args.out!, 'spoken-lm.bin');
const report = writeSpokenLmFromSphinx(path, readFileSync(args.from!), Number(args['max-ngrams']), {
  file: 'en-us.lm.bin',
  package: debianVersion ? `Debian pocketsphinx-en-us ${debianVersion}` : 'pocketsphinx-en-us',
});
console.log(JSON.stringify(report));
console.log(`wrote ${path}: ${(statSync(path).size / 1e6).toFixed(2)} MB, sha256 ${createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16)}`);
