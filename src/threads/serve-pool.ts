import { parentPort, type TransferListItem } from 'node:worker_threads';
import type { PoolMessage, PoolRequest } from './worker-pool.js';

export interface PoolService<Req, Res> {
  /** Resolves when the thread is ready for work (what must load before the first request). @defaultValue at once */
  ready?: Promise<unknown>;
  /** Answers one request; the buffers it names in `transfer` are handed over, not copied. */
  handle(request: Req): Promise<{ response: Res; transfer?: TransferListItem[] }>;
}

/**
 * The thread side of a {@link WorkerPool}: posts `ready` (or `fatal` when `ready` rejects), then
 * answers each request with `done` or `failed`, carrying the error's `code` when it has one.
 */
export function servePool<Req, Res>(service: PoolService<Req, Res>): void {
  const port = parentPort;
  if (!port) throw new Error('a pool thread must run in a worker thread');
  const post = (message: PoolMessage<Res>, transfer: TransferListItem[] = []) => port.postMessage(message, transfer);
  Promise.resolve(service.ready).then(
    () => post({ type: 'ready' }),
    (error: Error) => post({ type: 'fatal', message: error.message, ...errorCode(error) }),
  );
  port.on('message', async ({ id, request }: PoolRequest<Req>) => {
    try {
      const { response, transfer } = await service.handle(request);
      post({ type: 'done', id, response }, transfer);
    } catch (error) {
      post({ type: 'failed', id, message: (error as Error).message, ...errorCode(error) });
    }
  });
}

function errorCode(error: unknown): { code?: string } {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { code } : {};
}
