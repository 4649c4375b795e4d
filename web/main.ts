import { initLocale } from './i18n/localization.ts'

// Vietnamese (or the saved choice) is in place before the first element renders.
await initLocale()
await import('./app/qms-app.ts')
