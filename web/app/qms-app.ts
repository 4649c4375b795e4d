import { localized, msg, str } from '@lit/localize'
import { css, html, LitElement, nothing, type TemplateResult } from 'lit'
import { customElement, state } from 'lit/decorators.js'
import '../features/auth/qms-login-page.ts'
import '../features/notifications/qms-notification-bell.ts'
import { ADMIN_NAV, NAV, type NavItem } from './navigation.ts'
import './qms-language-switch.ts'
import './qms-toast.ts'
import { ROUTES } from './routes.ts'
import { internalLink, RouterController } from './router.ts'
import { session, SessionController } from './session.ts'
import { outboxCount } from '../offline/store.ts'

/** The features whose pages are loaded (RouteDef.load). */
const loadedPages = new WeakSet<() => Promise<unknown>>()

/**
 * @summary The application shell: sign-in when signed out; otherwise the navigation and
 * the page for the current address.
 */
@customElement('qms-app')
@localized()
export class QmsApp extends LitElement {
  static override styles = css`
    :host { display: block; min-height: 100vh; }
    .loading { padding: var(--qms-space-6); text-align: center; color: var(--qms-muted); }
    header {
      position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: var(--qms-space-3);
      background: var(--qms-primary); color: var(--qms-on-primary); padding: 0 var(--qms-space-4); min-height: 56px;
    }
    header .brand { font-weight: 700; color: inherit; text-decoration: none; font-size: 1.05rem; }
    header .spacer { flex: 1; }
    header .who { font-size: 0.9rem; opacity: 0.9; }
    header .offline-badge { font-size: 0.8rem; font-weight: 700; background: var(--qms-warning, #b45309); color: #fff; border-radius: 999px; padding: 2px 10px; }
    header button {
      font: inherit; color: inherit; background: transparent; border: 1px solid rgb(255 255 255 / 50%);
      border-radius: var(--qms-radius); min-height: 40px; padding: 0 var(--qms-space-3); cursor: pointer;
    }
    header button:focus-visible { outline: 3px solid var(--qms-focus); }
    .menu-toggle { display: none; }
    /* The first stop of the keyboard: past the header and menu, straight to the page. Seen only when focused. */
    .skip-link {
      position: absolute; left: var(--qms-space-2); top: -100px; z-index: 20; padding: var(--qms-space-2) var(--qms-space-4);
      background: var(--qms-surface); color: var(--qms-primary-strong); font-weight: 600; border-radius: var(--qms-radius); box-shadow: var(--qms-shadow);
    }
    .skip-link:focus { top: var(--qms-space-2); outline: 3px solid var(--qms-focus); }
    main:focus { outline: none; }
    .layout { display: grid; grid-template-columns: 230px 1fr; min-height: calc(100vh - 56px); }
    nav { background: var(--qms-surface); border-right: 1px solid var(--qms-border); padding: var(--qms-space-3) 0; }
    nav ul { list-style: none; margin: 0; padding: 0; }
    nav a {
      display: flex; align-items: center; min-height: var(--qms-tap); padding: 0 var(--qms-space-4);
      color: var(--qms-text); text-decoration: none; border-left: 4px solid transparent;
    }
    nav a:hover { background: var(--qms-primary-soft); }
    nav a[aria-current='page'] { border-left-color: var(--qms-primary); background: var(--qms-primary-soft); font-weight: 600; }
    nav a:focus-visible { outline: 3px solid var(--qms-focus); outline-offset: -3px; }
    nav .group { margin: var(--qms-space-4) var(--qms-space-4) var(--qms-space-1); font-size: 0.8rem; text-transform: uppercase; color: var(--qms-muted); letter-spacing: 0.04em; }
    nav .nav-footer { display: none; padding: var(--qms-space-4); gap: var(--qms-space-3); flex-direction: column; align-items: stretch; border-top: 1px solid var(--qms-border); }
    nav .nav-footer a { padding: 0; border-left: none; }
    nav .nav-footer button {
      font: inherit; min-height: var(--qms-tap); padding: 0 var(--qms-space-4); border-radius: var(--qms-radius); cursor: pointer;
      background: var(--qms-surface); color: var(--qms-danger); border: 1px solid var(--qms-danger); font-weight: 600;
    }
    nav .nav-footer button:hover { background: var(--qms-danger-soft); }
    nav .nav-footer button:focus-visible { outline: 3px solid var(--qms-focus); outline-offset: 1px; }
    main { padding: var(--qms-space-5); min-width: 0; max-width: 1200px; }
    @media (max-width: 800px) {
      .menu-toggle { display: inline-flex; align-items: center; }
      header .who, header .desktop-only { display: none; }
      .layout { grid-template-columns: 1fr; }
      nav { display: none; border-right: none; border-bottom: 1px solid var(--qms-border); }
      nav.open { display: block; }
      nav .nav-footer { display: flex; }
      main { padding: var(--qms-space-4) var(--qms-space-3); }
    }
  `

  private readonly router = new RouterController(this)
  private readonly session = new SessionController(this)
  @state() private menuOpen = false
  @state() private loadError = false
  /** The route whose page could not be loaded (offline before the app was cached, or a new version replaced the files). */
  @state() private failedLoad?: string

  override connectedCallback() {
    super.connectedCallback()
    this.addEventListener('click', this.handleClick)
    this.addEventListener('qms-navigate', this.handleNavigate as EventListener)
    void this.loadSession()
  }

  override disconnectedCallback() {
    super.disconnectedCallback()
    this.removeEventListener('click', this.handleClick)
    this.removeEventListener('qms-navigate', this.handleNavigate as EventListener)
  }

  private async loadSession() {
    try {
      this.loadError = false
      await session.load()
    } catch {
      this.loadError = true
    }
  }

  private readonly handleClick = (event: MouseEvent) => {
    const to = internalLink(event)
    if (!to) return
    event.preventDefault()
    this.menuOpen = false
    this.router.navigate(to)
  }

  private readonly handleNavigate = (event: CustomEvent<{ to: string; replace?: boolean }>) => {
    this.router.navigate(event.detail.to, { replace: event.detail.replace })
  }

  private async handleSignOut() {
    // Changes still waiting on this device are deleted with the user's offline data: ask first.
    const waiting = await outboxCount().catch(() => 0)
    if (waiting && !window.confirm(msg(str`${waiting} changes are saved only on this device and not yet synced. Signing out deletes them. Sign out anyway?`, { id: 'nav.signOutUnsynced' }))) return
    await session.logout()
    this.router.navigate('/', { replace: true })
  }

  /** The skip link moves focus to the page itself (a fragment link cannot reach into the shadow root). */
  private handleSkip(event: Event) {
    event.preventDefault()
    this.renderRoot.querySelector<HTMLElement>('main')?.focus()
  }

  private renderPage(): TemplateResult {
    const m = this.router.match(ROUTES.map((r) => r.pattern))
    const route = m && ROUTES.find((r) => r.pattern === m.route)
    if (!m || !route) return html`<h1>${msg('This page does not exist.', { id: 'common.notFound' })}</h1>`
    if (route.load && !loadedPages.has(route.load)) {
      if (this.failedLoad === route.pattern) return html`<p role="alert">${msg('Could not load data.', { id: 'common.loadFailed' })}</p>`
      // The page is drawn once its elements are defined, so they start as any page does
      // (properties set, then connected), not as an upgrade.
      const load = route.load
      load().then(
        () => {
          loadedPages.add(load)
          this.requestUpdate()
        },
        (err: unknown) => {
          console.error(err)
          this.failedLoad = route.pattern
        },
      )
      return html`<p>${msg('Loading…', { id: 'common.loading' })}</p>`
    }
    return route.render(m.params, this.router.query)
  }

  private renderLink(item: NavItem) {
    const current = item.href === '/' ? this.router.path === '/' : this.router.path.startsWith(item.href)
    return html`<li><a href=${item.href} aria-current=${current ? 'page' : 'false'}>${item.label()}${item.badge ? item.badge(this.router.path) : nothing}</a></li>`
  }

  override render() {
    const state = this.session.state
    if (this.loadError) {
      return html`<p class="loading">${msg('Could not load data.', { id: 'common.loadFailed' })}
        <button @click=${this.loadSession}>${msg('Try again', { id: 'common.retry' })}</button></p>`
    }
    if (state.status === 'loading') return html`<p class="loading">${msg('Loading…', { id: 'common.loading' })}</p>`
    if (state.status === 'signed-out') return html`<qms-login-page ?expired=${Boolean(state.expired)}></qms-login-page>`

    const user = state.info.user
    const admin = ADMIN_NAV.filter((n) => !n.permission || this.session.can(n.permission))
    return html`
      <a class="skip-link" href="#main-content" @click=${this.handleSkip}>${msg('Skip to the content', { id: 'nav.skip' })}</a>
      <header>
        <button class="menu-toggle" aria-expanded=${this.menuOpen} aria-controls="main-nav" @click=${() => (this.menuOpen = !this.menuOpen)}>
          ☰ <span>${msg('Menu', { id: 'nav.menu' })}</span>
        </button>
        <a class="brand" href="/">QMS Tracker</a>
        <span class="spacer"></span>
        ${this.session.offline
          ? html`<span class="offline-badge" role="note" title=${msg('The server cannot be reached: you are working with what this device kept.', { id: 'nav.offlineHint' })}>${msg('Offline', { id: 'nav.offline' })}</span>`
          : nothing}
        <span class="who">${msg(str`Signed in as ${user.fullName}`, { id: 'nav.signedInAs' })}</span>
        <qms-notification-bell></qms-notification-bell>
        <qms-language-switch class="desktop-only"></qms-language-switch>
        <button class="desktop-only" @click=${this.handleSignOut}>${msg('Sign out', { id: 'nav.signOut' })}</button>
      </header>
      <div class="layout">
        <nav id="main-nav" class=${this.menuOpen ? 'open' : ''} aria-label=${msg('Main navigation', { id: 'nav.main' })}>
          <ul>${NAV.filter((n) => !n.permission || this.session.can(n.permission)).map((n) => this.renderLink(n))}</ul>
          ${admin.length
            ? html`<div class="group" id="admin-group">${msg('Administration', { id: 'nav.admin' })}</div>
                <ul aria-labelledby="admin-group">${admin.map((n) => this.renderLink(n))}</ul>`
            : nothing}
          <div class="nav-footer">
            <span>${msg(str`Signed in as ${user.fullName}`, { id: 'nav.signedInAs' })}</span>
            <a href="/settings/mail">${msg('E-mail settings', { id: 'nav.mailSettings' })}</a>
            <qms-language-switch></qms-language-switch>
            <button class="sign-out" @click=${this.handleSignOut}>${msg('Sign out', { id: 'nav.signOut' })}</button>
          </div>
        </nav>
        <main id="main-content" tabindex="-1">${this.renderPage()}</main>
        <qms-toast></qms-toast>
      </div>
    `
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'qms-app': QmsApp
  }
}
