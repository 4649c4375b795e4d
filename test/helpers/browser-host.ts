/** Where the browser tests find Chromium; kept apart from browser.ts so the runner can ask without loading the app. */
import { existsSync } from 'node:fs'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const browserAvailable = existsSync(CHROMIUM)
