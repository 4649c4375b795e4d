/**
 * The text of a PDF written by pdfkit, for tests that check what a person would read
 * (e.g. Vietnamese diacritics in a printed record). It follows each page's fonts to
 * their ToUnicode maps and decodes the shown glyph codes; no system tool needed.
 * It understands what pdfkit writes (Identity-H fonts, Flate streams), not every PDF.
 */
import { inflateSync } from 'node:zlib'

interface PdfObject {
  dict: string
  stream?: Buffer
}

function readObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1')
  const objects = new Map<number, PdfObject>()
  const re = /(\d+) 0 obj\s*([\s\S]*?)endobj/g
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[2]
    const s = body.search(/stream\r?\n/)
    if (s < 0) {
      objects.set(Number(m[1]), { dict: body })
      continue
    }
    const dict = body.slice(0, s)
    const start = s + body.slice(s).indexOf('\n') + 1
    // The stream is exactly /Length bytes: trimming the line end before `endstream`
    // instead would eat a compressed stream's last byte whenever it happens to be \r.
    const length = /\/Length\s+(\d+)(?!\s+0\s+R)/.exec(dict)
    const end = length ? start + Number(length[1]) : body.lastIndexOf('\nendstream')
    let raw = Buffer.from(body.slice(start, end), 'latin1')
    if (/\/Filter\s*\/FlateDecode/.test(dict)) raw = inflateSync(raw)
    objects.set(Number(m[1]), { dict, stream: raw })
  }
  return objects
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict)
  return m ? Number(m[1]) : undefined
}

const utf16 = (hex: string) => {
  const bytes = Buffer.from(hex.replace(/\s+/g, ''), 'hex')
  let out = ''
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i))
  return out
}

function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>()
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(line[1], 16)
      const to = parseInt(line[2], 16)
      if (line[3].startsWith('[')) {
        const entries = [...line[3].matchAll(/<([0-9a-fA-F\s]*)>/g)].map((e) => utf16(e[1]))
        for (let c = from; c <= to; c++) map.set(c, entries[c - from] ?? '')
      } else {
        const base = utf16(line[3].slice(1, -1))
        for (let c = from; c <= to; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - from)))
      }
    }
  }
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(line[1], 16), utf16(line[2]))
  }
  return map
}

/** The text of every page, lines separated by newlines, pages by form feeds. */
export function pdfText(pdf: Buffer): string {
  const objects = readObjects(pdf)
  const cmaps = new Map<number, Map<number, string>>()
  const fontMap = (fontRef: number) => {
    let map = cmaps.get(fontRef)
    if (!map) {
      const toUnicode = ref(objects.get(fontRef)?.dict ?? '', 'ToUnicode')
      map = toUnicode ? parseCMap(objects.get(toUnicode)?.stream?.toString('latin1') ?? '') : new Map()
      cmaps.set(fontRef, map)
    }
    return map
  }
  const pages: string[] = []
  for (const obj of objects.values()) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(obj.dict)) continue
    const resourcesRef = ref(obj.dict, 'Resources')
    const resources = resourcesRef ? (objects.get(resourcesRef)?.dict ?? '') : obj.dict
    const fonts = new Map<string, number>()
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? ''
    for (const f of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) fonts.set(f[1], Number(f[2]))
    const contents = ref(obj.dict, 'Contents')
    const content = contents ? (objects.get(contents)?.stream?.toString('latin1') ?? '') : ''
    let map = new Map<number, string>()
    const lines: string[] = []
    let line = ''
    const tokens = /\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\bET\b/g
    for (let t = tokens.exec(content); t; t = tokens.exec(content)) {
      if (t[1]) {
        const font = fonts.get(t[1])
        map = font ? fontMap(font) : new Map()
      } else if (t[2] !== undefined || t[3] !== undefined) {
        const hexes = t[2] !== undefined ? [...t[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]) : [t[3]]
        for (const hex of hexes) for (let i = 0; i + 4 <= hex.length; i += 4) line += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? ''
      } else {
        lines.push(line)
        line = ''
      }
    }
    pages.push(lines.filter(Boolean).join('\n'))
  }
  return pages.join('\f')
}
