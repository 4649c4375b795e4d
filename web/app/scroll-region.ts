import { nothing } from 'lit'
import { AsyncDirective, directive, PartType, type ElementPart, type PartInfo } from 'lit/async-directive.js'

/**
 * Makes a box that scrolls sideways (a wide table, the NC board) reachable by keyboard:
 * while its content overflows it is a named region in the tab order (`tabindex="0"`,
 * `role="region"`, `aria-label`), so the arrow keys scroll it; once everything fits it is
 * a plain box again, and no empty tab stop is left behind.
 *
 *   html`<div class="table-wrap" ${scrollRegion(label)}><table>…</table></div>`
 *
 * Without a label the region is named after the table's caption, else the page's title (its h1).
 */
class ScrollRegionDirective extends AsyncDirective {
  private element?: HTMLElement
  private label = ''
  private observer?: ResizeObserver

  constructor(part: PartInfo) {
    super(part)
    if (part.type !== PartType.ELEMENT) throw new Error('scrollRegion() goes on an element')
  }

  render(_label?: string) {
    return nothing
  }

  override update(part: ElementPart, [label]: [string?]) {
    this.label = label ?? ''
    if (this.element !== part.element) {
      this.element = part.element as HTMLElement
      this.observe()
    }
    this.apply()
    return nothing
  }

  private observe() {
    this.observer?.disconnect()
    if (!this.element || typeof ResizeObserver === 'undefined') return
    this.observer = new ResizeObserver(() => this.apply())
    this.observer.observe(this.element)
    // The content's own size changes too (rows arrive) without the box changing.
    for (const child of Array.from(this.element.children)) this.observer.observe(child)
  }

  private apply() {
    const el = this.element
    if (!el) return
    const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1
    if (scrolls) {
      el.tabIndex = 0
      el.setAttribute('role', 'region')
      el.setAttribute('aria-label', this.label || this.defaultLabel(el))
    } else if (el.hasAttribute('tabindex')) {
      el.removeAttribute('tabindex')
      el.removeAttribute('role')
      el.removeAttribute('aria-label')
    }
  }

  private defaultLabel(el: HTMLElement): string {
    const root = el.getRootNode() as ParentNode
    const text = el.querySelector('caption')?.textContent ?? root.querySelector('h1')?.textContent ?? ''
    return text.replace(/\s+/g, ' ').trim()
  }

  protected override disconnected() {
    this.observer?.disconnect()
  }

  protected override reconnected() {
    this.observe()
  }
}

export const scrollRegion = directive(ScrollRegionDirective)
