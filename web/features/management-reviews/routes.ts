import { html } from 'lit'
import type { RouteDef } from '../../app/router.ts'

// Loaded when one of these pages is first opened (RouteDef.load): the sign-in page does not carry them.
const load = () => Promise.all([import('./qms-management-review-form.ts'), import('./qms-management-review-page.ts'), import('./qms-management-reviews-page.ts')])

export const managementReviewRoutes: RouteDef[] = [
  { load, pattern: '/management-reviews', render: () => html`<qms-management-reviews-page></qms-management-reviews-page>` },
  { load, pattern: '/management-reviews/new', render: () => html`<qms-management-review-form></qms-management-review-form>` },
  { load, pattern: '/management-reviews/:id', render: (p) => html`<qms-management-review-page .reviewId=${p.id}></qms-management-review-page>` },
]
