/** Styles shared by the audit programme pages: badges, facts, the coverage states. */
import { css } from 'lit'

export const auditStyles = css`
  .badge { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 0.8rem; font-weight: 600; white-space: nowrap; background: var(--qms-primary-soft); color: var(--qms-primary-strong); }
  .meta { color: var(--qms-muted); font-size: 0.85rem; }
  .code { font-variant-numeric: tabular-nums; font-weight: 700; white-space: nowrap; }
  dl.facts { display: grid; grid-template-columns: minmax(110px, max-content) 1fr; gap: var(--qms-space-1) var(--qms-space-3); margin: 0 0 var(--qms-space-3); }
  dl.facts dt { color: var(--qms-muted); }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  .field { min-width: 0; }
  /* Dark text on soft backgrounds of the same hue: contrast above 7:1; the state is also written (symbol and hidden text), not only coloured. */
  .state-audited { background: #dff1e4; color: #163d20; }
  .state-planned { background: #fff0c2; color: #4d3300; }
  .state-uncovered { background: #f7c6c1; color: #6b1510; }
`
