/**
 * A4 PDFs for official Vietnamese documents, with fonts that come from npm packages so
 * that `npm install` alone is enough (no system fonts):
 * - `a4Document` (inspection records): DejaVu Serif, registered as regular / bold /
 *   italic, and head / head-bold / head-italic (condensed, so the header lines —
 *   agency, national motto — each fit on one line of a half page).
 * - `decreeDocument` (the half-year report): the layout of Nghị định 30/2020/NĐ-CP,
 *   Phụ lục I — Tinos, which is metric-compatible with Times New Roman (same advance
 *   widths, so lines break where they would in Word) and has every Vietnamese glyph,
 *   registered as regular / bold / italic / bold-italic; the decree's margins.
 */
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'

const require = createRequire(import.meta.url)
export const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')
export const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf')
const FONT_ITALIC = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf')
const FONT_HEAD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerifCondensed.ttf')
const FONT_HEAD_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerifCondensed-Bold.ttf')
const FONT_HEAD_ITALIC = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSerifCondensed-Italic.ttf')

// Google Fonts' whole Tinos files (every subset in one TTF) as @expo-google-fonts/tinos
// ships them; @fontsource/tinos has only per-subset WOFF files, and its Vietnamese subset
// lacks basic Latin, so one font could not set a whole line.
const tinos = (style: string) => require.resolve(`@expo-google-fonts/tinos/${style}/Tinos_${style}.ttf`)
export const TIMES = {
  regular: tinos('400Regular'),
  bold: tinos('700Bold'),
  italic: tinos('400Regular_Italic'),
  boldItalic: tinos('700Bold_Italic'),
}

export const MM = 72 / 25.4

type Info = { Title: string; Subject?: string; Author?: string }

const newDocument = (info: Info, margins: PDFKit.Mixins.ExpandedSides<number>) =>
  new PDFDocument({ size: 'A4', margins, info: { ...info, Creator: 'QMS Tracker' }, lang: 'vi-VN', bufferPages: true })

/** A new A4 document with the fonts registered, and a promise of its bytes once `doc.end()` is called. */
export function a4Document(info: Info) {
  const doc = newDocument(info, { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM })
  doc.registerFont('regular', FONT_REGULAR)
  doc.registerFont('bold', FONT_BOLD)
  doc.registerFont('italic', FONT_ITALIC)
  doc.registerFont('head', FONT_HEAD)
  doc.registerFont('head-bold', FONT_HEAD_BOLD)
  doc.registerFont('head-italic', FONT_HEAD_ITALIC)
  return { doc, bytes: bytesOf(doc) }
}

/**
 * An A4 document in the layout of Nghị định 30/2020/NĐ-CP: margins top and bottom 20 mm,
 * left 30 mm, right 15 mm (the decree allows 20–25, 20–25, 30–35 and 15–20), Tinos
 * (Times New Roman's metrics) as regular / bold / italic / bold-italic.
 */
export function decreeDocument(info: Info) {
  const doc = newDocument(info, { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM })
  doc.registerFont('regular', TIMES.regular)
  doc.registerFont('bold', TIMES.bold)
  doc.registerFont('italic', TIMES.italic)
  doc.registerFont('bold-italic', TIMES.boldItalic)
  return { doc, bytes: bytesOf(doc) }
}

/** The decree's page numbers: Arabic numerals centred in the top margin, 13 pt, none on the first page. */
export function numberPagesAtTop(doc: PDFKit.PDFDocument) {
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const range = doc.bufferedPageRange()
  for (let p = range.start + 1; p < range.start + range.count; p++) {
    doc.switchToPage(p)
    const top = doc.page.margins.top
    doc.page.margins.top = 0
    doc.font('regular').fontSize(13).text(String(p + 1), left, top / 2 - 6, { width, align: 'center', lineBreak: false })
    doc.page.margins.top = top
  }
}

function bytesOf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}

/** "<label> — trang i/n" at the foot of every page. */
export function numberPages(doc: PDFKit.PDFDocument, label: string) {
  const left = doc.page.margins.left
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right
  const range = doc.bufferedPageRange()
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font('regular').fontSize(9).text(`${label} — trang ${p + 1}/${range.count}`, left, doc.page.height - bottom / 2 - 6, { width, align: 'center' })
    doc.page.margins.bottom = bottom
  }
}
