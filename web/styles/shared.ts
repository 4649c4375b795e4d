/** Styles shared by pages: headings, buttons, fields, tables, messages. */
import { css } from 'lit'

export const pageStyles = css`
  :host { display: block; }
  h1 { font-size: 1.4rem; margin: 0 0 var(--qms-space-4); }
  h2 { font-size: 1.1rem; margin: var(--qms-space-5) 0 var(--qms-space-3); }
  p.lead { color: var(--qms-muted); margin-top: 0; }
  .toolbar { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); align-items: end; margin-bottom: var(--qms-space-4); }
  .toolbar .grow { flex: 1 1 200px; }
  .card { background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-4); box-shadow: var(--qms-shadow); }
  .muted { color: var(--qms-muted); }
  .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`

export const buttonStyles = css`
  button, .button {
    font: inherit; min-height: var(--qms-tap); padding: 0 var(--qms-space-4);
    border-radius: var(--qms-radius); border: 1px solid var(--qms-border);
    background: var(--qms-surface); color: var(--qms-text); cursor: pointer;
    display: inline-flex; align-items: center; justify-content: center; gap: var(--qms-space-2);
    text-decoration: none; white-space: nowrap;
  }
  button.primary, .button.primary { background: var(--qms-primary); border-color: var(--qms-primary); color: var(--qms-on-primary); }
  button.primary:hover { background: var(--qms-primary-strong); }
  button.danger { color: var(--qms-danger); border-color: var(--qms-danger); }
  button.link { border: none; background: none; color: var(--qms-primary); padding: 0 var(--qms-space-2); min-height: auto; text-decoration: underline; }
  button:disabled { opacity: 0.6; cursor: default; }
  /* On a phone a long label wraps inside its button rather than push the page sideways. */
  @media (max-width: 600px) { button, .button { white-space: normal; text-align: center; max-width: 100%; } }
  button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
    outline: 3px solid var(--qms-focus); outline-offset: 1px;
  }
`

export const formStyles = css`
  form { display: grid; gap: var(--qms-space-4); }
  .field { display: grid; gap: var(--qms-space-1); }
  .field > label, fieldset > legend { font-weight: 600; font-size: 0.95rem; }
  .field .hint { color: var(--qms-muted); font-size: 0.85rem; }
  .field .error, .form-error { color: var(--qms-danger); font-size: 0.9rem; }
  .form-error { background: var(--qms-danger-soft); border-radius: var(--qms-radius); padding: var(--qms-space-3); }
  input, select, textarea {
    box-sizing: border-box; font: inherit; min-height: var(--qms-tap); padding: var(--qms-space-2) var(--qms-space-3);
    border: 1px solid var(--qms-border); border-radius: var(--qms-radius); background: var(--qms-surface); color: var(--qms-text);
    width: 100%; box-sizing: border-box;
  }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--qms-danger); }
  input[type='checkbox'] { width: 20px; height: 20px; min-height: 0; margin: 0; }
  fieldset { border: 1px solid var(--qms-border); border-radius: var(--qms-radius); padding: var(--qms-space-3); margin: 0; }
  .checks { display: flex; flex-wrap: wrap; gap: var(--qms-space-3) var(--qms-space-4); }
  .check { display: inline-flex; align-items: center; gap: var(--qms-space-2); min-height: var(--qms-tap); }
  .actions { display: flex; flex-wrap: wrap; gap: var(--qms-space-2); }
  /*
   * Fields side by side line up: each takes four rows of the grid (label, control, hint,
   * error) through subgrid, so the labels share a line, and so do the inputs, however a
   * neighbour's label wraps. Labels sit just above their control.
   */
  .grid-2 {
    display: grid; column-gap: var(--qms-space-4); row-gap: 0; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
    margin-bottom: calc(-1 * var(--qms-space-3));
  }
  .grid-2 > * { grid-row: span 4; align-self: start; margin-bottom: var(--qms-space-3); min-width: 0; }
  .grid-2 > .field { display: grid; grid-template-rows: subgrid; row-gap: var(--qms-space-1); align-self: stretch; align-content: start; }
  .grid-2 > .field > label { align-self: end; }
`

export const tableStyles = css`
  .table-wrap { overflow-x: auto; background: var(--qms-surface); border: 1px solid var(--qms-border); border-radius: var(--qms-radius); }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: var(--qms-space-2) var(--qms-space-3); border-bottom: 1px solid var(--qms-border); vertical-align: top; }
  th { font-size: 0.85rem; color: var(--qms-muted); font-weight: 600; background: #f8fafc; }
  tr:last-child td { border-bottom: none; }
  .chip { display: inline-block; padding: 0 var(--qms-space-2); border-radius: 999px; background: var(--qms-primary-soft); color: var(--qms-primary-strong); font-size: 0.8rem; margin: 0 4px 4px 0; }
  .chip.off { background: #eceff3; color: var(--qms-muted); }
  /* On a phone a table row becomes a card: each cell shows its column name. */
  @media (max-width: 640px) {
    table.responsive thead { display: none; }
    table.responsive tr { display: block; border-bottom: 1px solid var(--qms-border); padding: var(--qms-space-2) 0; }
    table.responsive td { display: grid; grid-template-columns: 40% 1fr; gap: var(--qms-space-2); border: none; padding: var(--qms-space-1) var(--qms-space-3); }
    table.responsive td::before { content: attr(data-label); color: var(--qms-muted); font-size: 0.85rem; }
  }
`
