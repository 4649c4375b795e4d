/**
 * Makes the app's PNG icons (web manifest and home screen) from one SVG, drawn by the
 * Chromium the browser tests use (playwright-core, /usr/bin/chromium): no image library.
 * Run once when the mark changes, and commit the PNGs in web/public/:
 *
 *   node --import tsx scripts/make-icons.ts
 *
 * The mark is favicon.svg's: a white tick on the app's primary blue (tokens.css).
 * A maskable icon fills the whole square and keeps the tick inside the central 80 %
 * ("safe zone"), since the launcher may cut it to a circle or a squircle.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { CHROMIUM } from '../test/helpers/browser-host.ts'

const PRIMARY = '#0b5394'
const OUT = path.resolve('web/public')

/** The tick in a 32×32 box; `inset` shrinks it toward the centre (0 = as in favicon.svg). */
function svg(size: number, { rounded, inset }: { rounded: boolean; inset: number }) {
  const scale = 1 - inset
  const shift = (32 * inset) / 2
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="${rounded ? 6 : 0}" fill="${PRIMARY}"/>
  <g transform="translate(${shift} ${shift}) scale(${scale})">
    <path d="M9 16.5l4.5 4.5L23 11.5" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/>
  </g>
</svg>`
}

const icons = [
  { file: 'icon-192.png', size: 192, rounded: true, inset: 0 },
  { file: 'icon-512.png', size: 512, rounded: true, inset: 0 },
  { file: 'icon-maskable-512.png', size: 512, rounded: false, inset: 0.2 },
  // iOS ignores the manifest's icons and rounds this one itself.
  { file: 'apple-touch-icon.png', size: 180, rounded: false, inset: 0.1 },
]

const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] })
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 })
  for (const icon of icons) {
    await page.setViewportSize({ width: icon.size, height: icon.size })
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg(icon.size, icon)}`)
    const png = await page.locator('svg').screenshot({ omitBackground: true })
    writeFileSync(path.join(OUT, icon.file), png)
    console.log(`${icon.file} ${icon.size}×${icon.size}`)
  }
} finally {
  await browser.close()
}
