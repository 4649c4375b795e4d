/** Styles shared by the risk pages: the colour of each level (heat map cells and badges), badges, facts. */
import { css } from 'lit'

export const riskStyles = css`
  /* Soft backgrounds with dark text of the same hue: contrast above 7:1 on every level. */
  .level-low { background: #dff1e4; color: #163d20; }
  .level-medium { background: #fff0c2; color: #4d3300; }
  .level-high { background: #fdd9b5; color: #5c2a00; }
  .level-critical { background: #f7c6c1; color: #6b1510; }
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
