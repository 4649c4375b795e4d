/** Styles shared by the plan pages: status badges, task cards, facts. */
import { css } from 'lit'

export const planStyles = css`
  .badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; }
  .badge.status-not_started { background: #eceff3; color: #2f3a45; }
  .badge.status-in_progress { background: var(--qms-primary-soft); color: var(--qms-primary-strong); }
  .badge.status-done { background: var(--qms-success-soft); color: var(--qms-success); }
  .badge.status-done_late { background: #fff0c2; color: #4d3300; }
  .badge.status-cancelled { background: #eceff3; color: var(--qms-muted); }
  .badge.overdue { background: var(--qms-danger-soft); color: var(--qms-danger); }
  .badge.due-soon { background: #fff0c2; color: #4d3300; }
  .meta { color: var(--qms-muted); font-size: 0.85rem; }
  dl.facts { display: grid; grid-template-columns: minmax(110px, max-content) 1fr; gap: var(--qms-space-1) var(--qms-space-3); margin: 0 0 var(--qms-space-3); }
  dl.facts dt { color: var(--qms-muted); }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  .field { min-width: 0; }
  ul.cards { list-style: none; margin: 0 0 var(--qms-space-4); padding: 0; display: grid; gap: var(--qms-space-2); }
  ul.cards > li { background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); display: grid; gap: 4px; min-width: 0; }
  ul.cards > li.is-overdue { border-left: 4px solid var(--qms-danger); }
  .content { font-weight: 600; overflow-wrap: anywhere; }
`
