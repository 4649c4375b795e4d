import { createHash, randomBytes } from 'node:crypto'

/** A random secret, URL-safe, with an optional recognisable prefix. */
export const newSecret = (prefix = '', bytes = 32) => prefix + randomBytes(bytes).toString('base64url')

/** Secrets are stored only as their SHA-256, so a database leak does not leak sessions or tokens. */
export const sha256 = (value: string | Buffer) => createHash('sha256').update(value).digest('hex')
