/** Styles shared by the management review pages: badges, facts, figures. */
import { css } from 'lit'

export const reviewStyles = css`
  .badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
  .badge.status { background: var(--qms-primary-soft); color: var(--qms-primary-strong); }
  .badge.due { background: var(--qms-danger-soft); color: var(--qms-danger); }
  .badge.done { background: var(--qms-success-soft); color: var(--qms-success); }
  .meta { color: var(--qms-muted); font-size: 0.85rem; }
  .code { font-variant-numeric: tabular-nums; font-weight: 700; white-space: nowrap; }
  dl.facts { display: grid; grid-template-columns: minmax(110px, max-content) 1fr; gap: var(--qms-space-1) var(--qms-space-3); margin: 0 0 var(--qms-space-3); }
  dl.facts dt { color: var(--qms-muted); }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  .field { min-width: 0; }
`
