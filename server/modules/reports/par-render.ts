/**
 * The half-year report as a printable A4 HTML page, laid out like the PDF (par-pdf.ts)
 * after Nghị định 30/2020/NĐ-CP; the DOCX is par-docx.ts and the workbook par-xlsx.ts.
 */
import type { ParModel, ParTable } from './par-model.ts'
import { cellAlign, cellText, officialParts, type ParIssue } from './par-official.ts'

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

function htmlTable(t: ParTable) {
  const cells = (row: ParTable['rows'][number]) => row.map((v, i) => `<td class="${cellAlign(t.columns[i])}">${esc(cellText(v, t.columns[i]))}</td>`).join('')
  // The title above the table rather than a <caption>, which would wrap to a narrow table's width.
  return `<p class="table-title">${esc(t.title)}</p>
<table>
  <thead><tr>${t.headings.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
  <tbody>
  ${t.rows.map((r) => `<tr>${cells(r)}</tr>`).join('\n  ')}
  ${t.totalRow ? `<tr class="total">${cells(t.totalRow)}</tr>` : ''}
  </tbody>
</table>`
}

export function renderParHtml(r: ParModel, issue: ParIssue): string {
  const o = officialParts(r, issue)
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.summary)}</title>
<style>
  @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
  body { font-family: 'Times New Roman', Tinos, 'Liberation Serif', serif; font-size: 14pt; line-height: 1.3; color: #000; max-width: 165mm; margin: 12mm auto; padding: 0 4mm; }
  .head { display: grid; grid-template-columns: 2fr 3fr; text-align: center; column-gap: 4mm; font-size: 13pt; }
  .head p { margin: 0; }
  .head .motto { font-size: 14pt; }
  .rule { display: block; margin: 1mm auto 0; border-top: 1px solid #000; }
  .number { margin-top: 3mm; }
  .date { margin-top: 3mm; font-style: italic; font-size: 14pt; }
  h1 { text-align: center; font-size: 14pt; margin: 8mm 0 0; }
  .summary { text-align: center; font-weight: bold; margin: 0 auto; max-width: 80%; }
  h2 { font-size: 14pt; margin: 3mm 0 6pt; text-indent: 12.7mm; }
  p.text { text-align: justify; text-indent: 12.7mm; margin: 0 0 6pt; }
  table { border-collapse: collapse; margin: 0 auto 4mm; font-size: 13pt; page-break-inside: avoid; }
  .table-title { font-weight: bold; font-size: 13pt; text-align: center; margin: 3mm 0 1mm; page-break-after: avoid; }
  th, td { border: 1px solid #000; padding: 0.5mm 1.5mm; vertical-align: middle; }
  th { font-weight: bold; text-align: center; }
  td.right { text-align: right; white-space: nowrap; }
  td.center { text-align: center; }
  tr.total td { font-weight: bold; }
  .signs { display: grid; grid-template-columns: 1fr 1fr; margin-top: 6mm; page-break-inside: avoid; }
  .signs p { margin: 0; }
  .recipients { font-size: 11pt; }
  .recipients b { font-size: 12pt; }
  .signer { text-align: center; font-weight: bold; }
  .signer .name { margin-top: 25mm; }
  @media print { body { margin: 0; max-width: none; padding: 0; } }
</style>
</head>
<body>
<div class="head">
  <div>${o.parentAgency ? `<p>${esc(o.parentAgency)}</p>` : ''}<p><b>${esc(o.agency)}</b></p><span class="rule" style="width: 30%"></span></div>
  <div><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b></p><p class="motto"><b>Độc lập - Tự do - Hạnh phúc</b></p><span class="rule" style="width: 62%"></span></div>
  <p class="number">${esc(o.numberLine)}</p>
  <p class="date">${esc(o.placeDateLine)}</p>
</div>
<h1>${esc(o.kind)}</h1>
<p class="summary">${esc(o.summary)}</p>
<span class="rule" style="width: 30%"></span>
${r.sections
  .map(
    (s) => `<h2>${esc(s.heading)}</h2>
${s.paragraphs.map((p) => `<p class="text">${esc(p)}</p>`).join('\n')}
${s.tables.map(htmlTable).join('\n')}`,
  )
  .join('\n')}
<div class="signs">
  <div class="recipients"><p><i><b>Nơi nhận:</b></i></p>${o.recipients.map((x) => `<p>${esc(x)}</p>`).join('')}</div>
  <div class="signer">${o.signerTitle.map((l) => `<p>${esc(l)}</p>`).join('')}<p class="name">${esc(o.signerName) || '&nbsp;'}</p></div>
</div>
</body>
</html>
`
}
