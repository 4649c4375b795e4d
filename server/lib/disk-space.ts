import { statfs } from 'node:fs/promises'

/** Free bytes for unprivileged writers on the disk holding `folder`; undefined when it cannot be told. */
export async function freeBytes(folder: string): Promise<number | undefined> {
  try {
    const s = await statfs(folder)
    return s.bavail * s.bsize
  } catch {
    return undefined
  }
}
