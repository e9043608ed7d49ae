// A small reader of zip archives (an .xlsx is one): the central directory gives each part's place; a part is
// inflated with node:zlib, whole (small parts) or as a stream of chunks (a worksheet). Stored and deflated parts;
// zip64 archives (over 4 GB or 65,535 parts) are refused with a clear message.
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { createInflateRaw, inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_TAIL = 22 + 0xffff;

export class ZipError extends Error {}

export class ZipArchive {
  private constructor(
    private readonly file: FileHandle,
    private readonly path: string,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipArchive> {
    const file = await open(path, "r");
    try {
      return new ZipArchive(file, path, await readCentralDirectory(file, path));
    } catch (e) {
      await file.close();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }

  /** The whole part, inflated; null when the archive has no such part. */
  async read(name: string): Promise<Buffer | null> {
    const entry = this.entries.get(name);
    if (!entry) return null;
    const start = await this.dataStart(entry);
    const raw = Buffer.allocUnsafe(entry.compressedSize);
    await this.file.read(raw, 0, entry.compressedSize, start);
    return entry.method === STORED ? raw : inflateRawSync(raw);
  }

  /** The part as a stream of inflated chunks (a worksheet may be hundreds of megabytes). */
  async *stream(name: string, chunkSize = 1 << 17): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) throw new ZipError(`Delen ${name} saknas i filen ${this.path}.`);
    const start = await this.dataStart(entry);
    if (entry.compressedSize === 0) return;
    const source = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: chunkSize });
    const output = entry.method === STORED ? source : source.pipe(createInflateRaw({ chunkSize }));
    if (output !== source) source.on("error", (e) => output.destroy(e));
    try {
      for await (const chunk of output) yield chunk as Buffer;
    } finally {
      source.destroy();
      output.destroy();
    }
  }

  private async dataStart(entry: ZipEntry): Promise<number> {
    if (entry.method !== STORED && entry.method !== DEFLATED)
      throw new ZipError(`Delen ${entry.name} i ${this.path} är packad på ett sätt som inte stöds (metod ${entry.method}).`);
    const header = Buffer.alloc(30);
    await this.file.read(header, 0, 30, entry.localHeaderOffset);
    if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) throw new ZipError(`Filen ${this.path} är skadad (delen ${entry.name}).`);
    return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  }
}

async function readCentralDirectory(file: FileHandle, path: string): Promise<Map<string, ZipEntry>> {
  const { size } = await file.stat();
  const tailLength = Math.min(size, MAX_TAIL);
  const tail = Buffer.alloc(tailLength);
  await file.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError(`Filen ${path} är ingen .xlsx-fil (inget zip-arkiv).`);
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) throw new ZipError(`Filen ${path} är för stor (zip64 stöds inte).`);
  const dir = Buffer.alloc(dirSize);
  await file.read(dir, 0, dirSize, dirOffset);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL_SIGNATURE) throw new ZipError(`Filen ${path} är skadad (innehållsförteckningen).`);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    const name = dir.toString("utf8", p + 46, p + 46 + nameLength).replace(/^\//, "");
    entries.set(name, {
      name,
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localHeaderOffset: dir.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
