/**
 * `bytes` on an ArrayBuffer of their own (copied when they share one), so that the buffer can be
 * transferred to another thread: a small Buffer may sit in Node's shared pool, which must never be.
 */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}
