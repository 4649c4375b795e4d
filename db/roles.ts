/**
 * Two database roles (issue 14, item 4). The role that owns the tables may disable the
 * audit log's triggers and rewrite it; the server therefore runs as a runtime role that
 * owns nothing and may only read and append to audit_log. Migrations run as the owner
 * (DATABASE_MIGRATION_URL), which then grants the runtime role what the app needs.
 */
import postgres from 'postgres'

/** Tables the runtime role may read and append to, but never change. */
const APPEND_ONLY = ['audit_log']

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * Gives `runtimeRole` read/write on the app's tables, only SELECT and INSERT on the
 * append-only ones, and the sequences. Idempotent: run at every start after migrating,
 * so tables added by a new migration are covered.
 */
export async function grantRuntimeRole(owner: postgres.Sql, runtimeRole: string): Promise<void> {
  const role = ident(runtimeRole)
  await owner.begin(async (tx) => {
    await tx.unsafe(`grant usage on schema public to ${role}`)
    await tx.unsafe(`grant select, insert, update, delete on all tables in schema public to ${role}`)
    await tx.unsafe(`grant usage, select on all sequences in schema public to ${role}`)
    for (const table of APPEND_ONLY) {
      await tx.unsafe(`revoke update, delete, truncate, references, trigger on ${ident(table)} from ${role}`)
      await tx.unsafe(`grant select, insert on ${ident(table)} to ${role}`)
    }
    // The health check compares applied migrations with the shipped ones.
    const [drizzle] = await tx`select 1 from pg_namespace where nspname = 'drizzle'`
    if (drizzle) {
      await tx.unsafe(`grant usage on schema drizzle to ${role}`)
      await tx.unsafe(`grant select on all tables in schema drizzle to ${role}`)
    }
  })
}

export interface RoleCheck {
  role: string
  superuser: boolean
  /** Tables in the public schema this role owns (it could disable their triggers). */
  ownedTables: string[]
}

/** What the connection's role could do beyond the app's needs; empty when it is a proper runtime role. */
export async function checkRuntimeRole(client: postgres.Sql): Promise<RoleCheck> {
  const [me] = await client<{ role: string; superuser: boolean }[]>`
    select current_user as role, rolsuper as superuser from pg_roles where rolname = current_user`
  const owned = await client<{ table: string }[]>`
    select tablename as table from pg_tables where schemaname = 'public' and tableowner = current_user order by 1`
  return { role: me!.role, superuser: me!.superuser, ownedTables: owned.map((r) => r.table) }
}

/** A warning for the start-up log, or null when the runtime role cannot rewrite the audit log. */
export function roleWarning(check: RoleCheck): string | null {
  if (!check.superuser && !check.ownedTables.length) return null
  const why = check.superuser ? 'is a superuser' : `owns ${check.ownedTables.length} tables (audit_log among them: ${check.ownedTables.includes('audit_log')})`
  return (
    `The server's database role "${check.role}" ${why}, so it could disable the audit log's triggers and rewrite it. ` +
    'Run the server as a runtime role and migrate with DATABASE_MIGRATION_URL (see docs/operations.md, "Database roles").'
  )
}
