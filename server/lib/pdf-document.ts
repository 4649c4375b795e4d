/**
 * A4 PDFs for official Vietnamese documents (inspection records, the half-year report):
 * pdfkit with DejaVu Serif, which has every Vietnamese glyph, from the dejavu-fonts-ttf
 * package so that `npm install` alone is enough. Fonts are registered under the names
 * regular / bold / italic, and head / head-bold / head-italic (condensed, so the header
 * lines — agency, national motto — each fit on one line of a half page).
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

export const MM = 72 / 25.4

/** A new A4 document with the fonts registered, and a promise of its bytes once `doc.end()` is called. */
export function a4Document(info: { Title: string; Subject?: string; Author?: string }) {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 20 * MM, left: 25 * MM, right: 20 * MM },
    info: { ...info, Creator: 'QMS Tracker' },
    lang: 'vi-VN',
    bufferPages: true,
  })
  doc.registerFont('regular', FONT_REGULAR)
  doc.registerFont('bold', FONT_BOLD)
  doc.registerFont('italic', FONT_ITALIC)
  doc.registerFont('head', FONT_HEAD)
  doc.registerFont('head-bold', FONT_HEAD_BOLD)
  doc.registerFont('head-italic', FONT_HEAD_ITALIC)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  return { doc, bytes }
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
