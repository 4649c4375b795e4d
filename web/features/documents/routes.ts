import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-clause-coverage-page.ts'), import('./qms-document-editor.ts'), import('./qms-document-page.ts'), import('./qms-documents-page.ts'), import('./qms-review-due-page.ts'), import('./qms-transition-page.ts')])

/** The fixed sub-pages come before `/documents/:id`, which would match them too. */
export const documentRoutes: RouteDef[] = [
  { load, pattern: '/documents', render: (_p, query) => html`<qms-documents-page .query=${query}></qms-documents-page>` },
  { load, pattern: '/documents/new', render: () => html`<qms-document-editor></qms-document-editor>` },
  { load, pattern: '/documents/coverage', render: () => html`<qms-clause-coverage-page></qms-clause-coverage-page>` },
  { load, pattern: '/documents/review-due', render: () => html`<qms-review-due-page></qms-review-due-page>` },
  { load, pattern: '/documents/transition', render: () => html`<qms-transition-page></qms-transition-page>` },
  { load, pattern: '/documents/:id/edit', render: (p) => html`<qms-document-editor .documentId=${p.id}></qms-document-editor>` },
  { load, pattern: '/documents/:id', render: (p) => html`<qms-document-page .documentId=${p.id}></qms-document-page>` },
]
