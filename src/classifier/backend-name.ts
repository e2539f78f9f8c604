import { z } from 'zod';

/** Which tfjs backend runs the model: `auto` picks tfjs-node when installed, else cpu (see selectBackend). */
export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export const BackendSchema = z.enum(BACKENDS);
export type BackendPreference = z.infer<typeof BackendSchema>;
/** A backend actually in use (tfjs-node registers itself as `tensorflow`). */
export type BackendName = Exclude<BackendPreference, 'auto'>;
