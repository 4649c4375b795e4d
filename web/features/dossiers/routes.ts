import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-dossier-form.ts'), import('./qms-dossier-import-page.ts'), import('./qms-dossier-page.ts'), import('./qms-dossier-stats-page.ts'), import('./qms-dossiers-page.ts')])

export const dossierRoutes: RouteDef[] = [
  { load, pattern: '/dossiers', render: (_p, q) => html`<qms-dossiers-page .query=${q}></qms-dossiers-page>` },
  { load, pattern: '/dossiers/new', render: () => html`<qms-dossier-form></qms-dossier-form>` },
  { load, pattern: '/dossiers/import', render: () => html`<qms-dossier-import-page></qms-dossier-import-page>` },
  { load, pattern: '/dossiers/stats', render: (_p, q) => html`<qms-dossier-stats-page .query=${q}></qms-dossier-stats-page>` },
  { load, pattern: '/dossiers/:id', render: (p) => html`<qms-dossier-page .dossierId=${p.id}></qms-dossier-page>` },
]
