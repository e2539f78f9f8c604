// The attacks' seeded randomness is the project's one PRNG.
export { mulberry32, seedFromString, type Rng } from '../../random.js';
