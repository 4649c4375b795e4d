import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'
import './qms-dossier-form.ts'
import './qms-dossier-import-page.ts'
import './qms-dossier-page.ts'
import './qms-dossier-stats-page.ts'
import './qms-dossiers-page.ts'

export const dossierRoutes: RouteDef[] = [
  { pattern: '/dossiers', render: (_p, q) => html`<qms-dossiers-page .query=${q}></qms-dossiers-page>` },
  { pattern: '/dossiers/new', render: () => html`<qms-dossier-form></qms-dossier-form>` },
  { pattern: '/dossiers/import', render: () => html`<qms-dossier-import-page></qms-dossier-import-page>` },
  { pattern: '/dossiers/stats', render: (_p, q) => html`<qms-dossier-stats-page .query=${q}></qms-dossier-stats-page>` },
  { pattern: '/dossiers/:id', render: (p) => html`<qms-dossier-page .dossierId=${p.id}></qms-dossier-page>` },
]
