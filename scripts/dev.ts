/**
 * `npm run dev`: the API server in watch mode on :3000 and the Vite dev server on :5173
 * (which proxies /api to it). Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process'

const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch-path=server', '--watch-path=db', '--import', 'tsx', 'server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
]

console.log('\nOpen http://localhost:5173 (Vite, with live reload). The API runs on http://localhost:3000.\n')

const stop = () => {
  for (const child of children) child.kill('SIGTERM')
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop())
