/**
 * Photos fit mobile data: a phone camera's 4–12 MB picture is resized on the device
 * (1600 px on the long side, JPEG at about 80 %) before it is stored and queued, so a
 * morning's evidence syncs over a weak connection and the record's annex stays light.
 */
import imageCompression from 'browser-image-compression'

export const LONG_SIDE_PX = 1600
export const JPEG_QUALITY = 0.8

/** The photo to keep: resized, or the original when resizing would not make it smaller (or fails). */
export async function resizePhoto(file: File): Promise<File> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return file
  try {
    const resized = await imageCompression(file, {
      maxWidthOrHeight: LONG_SIDE_PX,
      initialQuality: JPEG_QUALITY,
      fileType: 'image/jpeg',
      maxSizeMB: 1,
      // The library's worker is loaded from a CDN: not under our CSP, and not offline.
      useWebWorker: false,
    })
    if (resized.size >= file.size) return file
    const name = (file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg'
    return new File([resized], name, { type: 'image/jpeg', lastModified: file.lastModified })
  } catch {
    return file
  }
}
