/** Styles shared by the nonconformity pages: status chips, badges, cards. */
import { css } from 'lit'

export const ncStyles = css`
  /* After formStyles: radios keep their size; fields may shrink inside grid columns. */
  input[type='radio'] { width: 20px; height: 20px; min-height: 0; margin: 0; flex: none; }
  .field { min-width: 0; }
  .badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
  .badge.overdue { background: var(--qms-danger-soft); color: var(--qms-danger); }
  .badge.major { background: var(--qms-warning-soft); color: var(--qms-warning); }
  .badge.minor { background: #eceff3; color: var(--qms-muted); }
  .badge.status { background: var(--qms-primary-soft); color: var(--qms-primary-strong); }
  .badge.status.closed { background: var(--qms-success-soft); color: var(--qms-success); }
  .badge.status.cancelled { background: #eceff3; color: var(--qms-muted); }
  .badge.done { background: var(--qms-success-soft); color: var(--qms-success); }
  .chip { display: inline-block; padding: 0 var(--qms-space-2); border-radius: 999px; background: var(--qms-primary-soft); color: var(--qms-primary-strong); font-size: 0.8rem; margin: 0 4px 4px 0; }
  .meta { color: var(--qms-muted); font-size: 0.85rem; }
  .code { font-variant-numeric: tabular-nums; font-weight: 700; }
`
