// Training's seeded randomness is the project's one PRNG; `stableHash` names the id hash used for hold-out splits.
export { mulberry32, seedFromString as stableHash, shuffleInPlace } from '../random.js';
