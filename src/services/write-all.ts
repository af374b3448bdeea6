import { writeSync } from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes every byte to a descriptor, synchronously. A non-blocking pipe (a FIFO opened so that
 * opening cannot hang, or a stdout some parent made non-blocking) answers EAGAIN while it is full:
 * wait a moment and go on, instead of losing the rest. Any other error is thrown to the caller.
 */
export function writeAllSync(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}
