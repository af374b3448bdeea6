import { crc32, inflateRawSync } from 'node:zlib';
import { InputError } from '../core/errors.js';

const MAX32 = 0xffffffff;

/** Where the central directory is and how many entries it has, from the (zip64) end records. */
function centralDirectory(buf: Buffer): { count: number; offset: number } {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count !== 0xffff && offset !== MAX32) return { count, offset };
  // zip64: more than 65535 entries or offsets past 4 GiB, as a full OSV dump can need
  const locator = eocd - 20;
  if (locator < 0 || buf.readUInt32LE(locator) !== 0x07064b50) throw new Error('corrupt zip64 archive (no end locator)');
  const end64 = Number(buf.readBigUInt64LE(locator + 8));
  if (buf.readUInt32LE(end64) !== 0x06064b50) throw new Error('corrupt zip64 archive (no end record)');
  return { count: Number(buf.readBigUInt64LE(end64 + 32)), offset: Number(buf.readBigUInt64LE(end64 + 48)) };
}

/** Sizes and offset of one entry, taking the zip64 extra field where the 32-bit fields are full. */
function entrySizes(buf: Buffer, p: number, nameLen: number, extraLen: number): { compressed: number; local: number } {
  let compressed = buf.readUInt32LE(p + 20);
  const uncompressed = buf.readUInt32LE(p + 24);
  let local = buf.readUInt32LE(p + 42);
  if (compressed !== MAX32 && local !== MAX32 && uncompressed !== MAX32) return { compressed, local };
  for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
    const id = buf.readUInt16LE(x);
    const size = buf.readUInt16LE(x + 2);
    if (id === 0x0001) {
      let q = x + 4;
      // the 64-bit values appear in this order, each only when its 32-bit field is full
      if (uncompressed === MAX32) q += 8;
      if (compressed === MAX32) {
        compressed = Number(buf.readBigUInt64LE(q));
        q += 8;
      }
      if (local === MAX32) local = Number(buf.readBigUInt64LE(q));
      break;
    }
    x += 4 + size;
  }
  return { compressed, local };
}

/**
 * Entries of a zip archive (the OSV `all.zip` dumps): reads the central directory (zip64 too) and
 * inflates stored and deflated members, each checked against its CRC-32. Any other compression
 * method, an encrypted member or a CRC mismatch is an error naming the entry: a damaged or unusual
 * dump must never read as fewer (or garbled) vulnerability records.
 */
export function* zipEntries(buf: Buffer, source = 'zip archive'): Generator<{ name: string; data: Buffer }> {
  const fail = (why: string) => new InputError(`${source}: ${why}`, source);
  let cd: { count: number; offset: number };
  try {
    cd = centralDirectory(buf);
  } catch (e) {
    throw fail((e as Error).message);
  }
  let p = cd.offset;
  for (let n = 0; n < cd.count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw fail('corrupt zip central directory');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const { compressed, local } = entrySizes(buf, p, nameLen, extraLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (flags & 1) throw fail(`${name} is encrypted`);
    if (method !== 0 && method !== 8) throw fail(`${name} uses compression method ${method}; only stored (0) and deflate (8) are supported`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + compressed);
    let data: Buffer;
    try {
      data = method === 0 ? raw : inflateRawSync(raw);
    } catch (e) {
      throw fail(`${name} does not inflate (${(e as Error).message})`);
    }
    if (crc32(data) >>> 0 !== crc) throw fail(`${name} fails its CRC-32 check (damaged archive)`);
    yield { name, data };
  }
}
