/**
 * How big a ZIP file (an XLSX) is once unzipped, checked before anything parses it: a
 * 15 MB XLSX can hold a sheet of hundreds of megabytes, and the upload limit only bounds
 * the compressed bytes.
 *
 * Two checks, because the sizes in the central directory are written by whoever made the
 * file: `declaredUnzippedSize` sums them (cheap, refuses an honest big file at once), and
 * `assertUnzippedSize` inflates every entry into nothing, counting, and stops as soon as
 * the count passes the cap (catches a file whose directory lies).
 */
import { Readable } from 'node:stream'
import { createInflateRaw, inflateRawSync } from 'node:zlib'

export class ZipError extends Error {}
/** The file unzips to more than the cap; `bytes` is how far the count got. */
export class UnzippedTooLarge extends Error {
  constructor(readonly bytes: number, readonly cap: number) {
    super(`unzips to more than ${cap} bytes`)
  }
}

interface Entry {
  name: string
  method: number
  compressedSize: number
  uncompressedSize: number
  localHeaderOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

/** The central directory's entries; ZIP64 archives (sizes ≥ 4 GB) are refused: no XLSX an office exports needs them. */
function centralDirectory(zip: Buffer): Entry[] {
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new ZipError('not a ZIP file (no end of central directory)')
  const count = zip.readUInt16LE(eocd + 10)
  const size = zip.readUInt32LE(eocd + 12)
  const offset = zip.readUInt32LE(eocd + 16)
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipError('ZIP64 archives are not accepted')
  if (offset + size > zip.length) throw new ZipError('the central directory lies outside the file')
  const entries: Entry[] = []
  let p = offset
  for (let n = 0; n < count; n++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL) throw new ZipError('damaged central directory')
    const method = zip.readUInt16LE(p + 10)
    const compressedSize = zip.readUInt32LE(p + 20)
    const uncompressedSize = zip.readUInt32LE(p + 24)
    const nameLength = zip.readUInt16LE(p + 28)
    const extraLength = zip.readUInt16LE(p + 30)
    const commentLength = zip.readUInt16LE(p + 32)
    const localHeaderOffset = zip.readUInt32LE(p + 42)
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) throw new ZipError('ZIP64 archives are not accepted')
    entries.push({ name: zip.toString('utf8', p + 46, p + 46 + nameLength), method, compressedSize, uncompressedSize, localHeaderOffset })
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** The sum of the entries' uncompressed sizes as the central directory declares them. */
export function declaredUnzippedSize(zip: Buffer): number {
  return centralDirectory(zip).reduce((sum, e) => sum + e.uncompressedSize, 0)
}

/**
 * Throws UnzippedTooLarge when the declared sizes, or the bytes actually inflated, pass
 * `cap`. Inflating is streamed into a counter (nothing is kept), so memory stays flat; it
 * yields to the event loop between chunks.
 */
export async function assertUnzippedSize(zip: Buffer, cap: number): Promise<void> {
  const entries = centralDirectory(zip)
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0)
  if (declared > cap) throw new UnzippedTooLarge(declared, cap)
  let total = 0
  for (const e of entries) {
    const p = e.localHeaderOffset
    if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL) throw new ZipError(`damaged entry ${e.name}`)
    const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28)
    const data = zip.subarray(start, start + e.compressedSize)
    if (e.method === 0) {
      total += data.length
      if (total > cap) throw new UnzippedTooLarge(total, cap)
      continue
    }
    if (e.method !== 8) throw new ZipError(`entry ${e.name} uses an unsupported compression method (${e.method})`)
    const inflate = createInflateRaw()
    const counting = new Promise<void>((resolve, reject) => {
      inflate.on('data', (chunk: Buffer) => {
        total += chunk.length
        if (total > cap) {
          inflate.destroy()
          reject(new UnzippedTooLarge(total, cap))
        }
      })
      inflate.on('end', resolve)
      inflate.on('error', (err) => reject(new ZipError(`entry ${e.name} cannot be inflated: ${err.message}`)))
    })
    Readable.from([data]).pipe(inflate)
    await counting
  }
}

/** One entry of a ZIP file, inflated (tests read the parts of a DOCX or XLSX with it); undefined when absent. */
export function zipEntry(zip: Buffer, name: string): Buffer | undefined {
  const e = centralDirectory(zip).find((x) => x.name === name)
  if (!e) return undefined
  const p = e.localHeaderOffset
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL) throw new ZipError(`damaged entry ${e.name}`)
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28)
  const data = zip.subarray(start, start + e.compressedSize)
  if (e.method === 0) return Buffer.from(data)
  if (e.method !== 8) throw new ZipError(`entry ${e.name} uses an unsupported compression method (${e.method})`)
  return inflateRawSync(data)
}
