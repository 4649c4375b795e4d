import { css } from 'lit'

/** Chips coloured by status, review state and edition, and the section tabs shared by the document pages. */
export const documentStyles = css`
  .chip.status-draft { background: #eceff3; color: var(--qms-muted); }
  .chip.status-in_review, .chip.status-approved { background: var(--qms-warning-soft); color: var(--qms-warning); }
  .chip.status-published { background: var(--qms-success-soft); color: var(--qms-success); }
  .chip.status-superseded, .chip.status-obsolete { background: #eceff3; color: var(--qms-muted); text-decoration: line-through; }
  .chip.review-due_soon { background: var(--qms-warning-soft); color: var(--qms-warning); }
  .chip.review-overdue { background: var(--qms-danger-soft); color: var(--qms-danger); }
  .chip.edition-2008 { background: var(--qms-warning-soft); color: var(--qms-warning); }
  nav.tabs { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); margin: 0 0 var(--qms-space-4); }
  nav.tabs a {
    display: inline-flex; align-items: center; min-height: 40px; padding: 0 var(--qms-space-3);
    border: 1px solid var(--qms-border); border-radius: 999px; color: var(--qms-text); text-decoration: none; background: var(--qms-surface);
  }
  nav.tabs a[aria-current='page'] { background: var(--qms-primary); border-color: var(--qms-primary); color: var(--qms-on-primary); }
`
