import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-objectives-page.ts'), import('./qms-objective-form.ts'), import('./qms-objective-page.ts')])

export const objectiveRoutes: RouteDef[] = [
  { load, pattern: '/objectives', render: (_p, q) => html`<qms-objectives-page .query=${q}></qms-objectives-page>` },
  { load, pattern: '/objectives/new', render: () => html`<qms-objective-form></qms-objective-form>` },
  { load, pattern: '/objectives/:id', render: (p) => html`<qms-objective-page .objectiveId=${p.id}></qms-objective-page>` },
]
