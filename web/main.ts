import { initLocale } from './i18n/localization.ts'

// Vietnamese (or the saved choice) is in place before the first element renders.
await initLocale()
await import('./app/qms-app.ts')

// The offline app shell: the service worker, and the banner that offers a new version.
await import('./app/qms-update-banner.ts')
const { startServiceWorker } = await import('./offline/service-worker.ts')
startServiceWorker()
