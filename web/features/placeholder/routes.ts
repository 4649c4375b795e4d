import { html } from 'lit'
import { NAV } from '../../app/navigation.ts'
import type { RouteDef } from '../../app/router.ts'
import './qms-coming-soon.ts'

/** A placeholder page for every main section; a feature's own routes come first and win. */
export const placeholderRoutes: RouteDef[] = NAV.filter((n) => n.href !== '/').map((item) => ({
  pattern: item.href,
  render: () => html`<qms-coming-soon .heading=${item.label()}></qms-coming-soon>`,
}))
