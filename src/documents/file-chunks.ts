import { open, type FileHandle } from 'node:fs/promises';

const FIRST_CHUNK_BYTES = 1024;
const MAX_CHUNK_BYTES = 256 * 1024;

/**
 * A file's bytes from `start`, in chunks that grow from 1 KiB to 256 KiB. A reader that starts
 * over at many places of a file (the WARC reader, resyncing after damage) then reads about what
 * it uses at each one, not a 256 KiB read-ahead each time. `onRead` hears of every byte read.
 * Given a path, the file is opened and closed here; given a handle, the caller owns it.
 */
export async function* fileChunks(file: string | FileHandle, start: number, onRead?: (bytes: number) => void): AsyncGenerator<Buffer> {
  const handle = typeof file === 'string' ? await open(file, 'r') : file;
  try {
    let position = start;
    for (let size = FIRST_CHUNK_BYTES; ; size = Math.min(size * 2, MAX_CHUNK_BYTES)) {
      const buffer = Buffer.allocUnsafe(size);
      const { bytesRead } = await handle.read(buffer, 0, size, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      onRead?.(bytesRead);
      yield bytesRead === size ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    if (typeof file === 'string') await handle.close();
  }
}
