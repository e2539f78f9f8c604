import type { Readable } from 'node:stream';

/** Chunks held before the stream is paused, unless the caller says otherwise. */
const DEFAULT_HIGH_WATER = 1024;

/**
 * Everything `stream` emits, then its error (or its end). `for await` over a stream rejects as soon
 * as the stream errors and drops what it had emitted but not yet handed out; a transform that
 * emits its last good output in the same call as its error (stream-json's parser on a cut file)
 * loses that output. This keeps it: 'data' events are queued (the stream is paused while the queue
 * is full) and the error is thrown only once the queue is empty. Stopping early leaves the stream
 * to the caller to destroy. `highWater` is how many chunks are held before the stream is paused.
 */
export async function* untilError<T>(stream: Readable, highWater = DEFAULT_HIGH_WATER): AsyncGenerator<T> {
  const queue: T[] = [];
  let failure: { error: unknown } | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const onData = (chunk: T) => {
    queue.push(chunk);
    if (queue.length >= highWater) stream.pause();
    notify();
  };
  const onError = (error: unknown) => {
    failure = { error };
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  // Destroyed without an error (and without ending): the data stopped short, which must not read as a clean end.
  const onClose = () => {
    if (!ended && failure === undefined) failure = { error: new Error('the stream closed before its end') };
    notify();
  };
  stream.on('data', onData);
  stream.on('error', onError);
  stream.on('end', onEnd);
  stream.on('close', onClose);
  try {
    for (;;) {
      if (queue.length > 0) {
        const batch = queue.splice(0);
        for (const chunk of batch) yield chunk;
        // Resumed only once the batch is handed out: a consumer slower than the stream keeps it paused.
        if (failure === undefined && !ended) stream.resume();
        continue;
      }
      if (failure) throw failure.error;
      if (ended) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    stream.off('data', onData);
    stream.off('error', onError);
    stream.off('end', onEnd);
    stream.off('close', onClose);
  }
}
