// Node, Deno and Bun: `<runtime> main.mjs '<json args>'` prints one JSON line.
import { run } from './app.mjs'

const args = JSON.parse(globalThis.Deno?.args?.[0] ?? process.argv[2])
console.log(JSON.stringify(await run(args)))
