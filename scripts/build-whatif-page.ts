/**
 * Writes dist/whatif-page.js, the browser script of the what-if page, after tsup has built dist/
 * (part of `npm run build`). The CLI in dist/ reads it from there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildWhatIfScript, PAGE_SCRIPT_FILE } from '../src/adapters/whatif/bundle.js';

const dist = join(import.meta.dirname, '..', 'dist');
mkdirSync(dist, { recursive: true });
const script = await buildWhatIfScript();
writeFileSync(join(dist, PAGE_SCRIPT_FILE), script);
console.log(`${PAGE_SCRIPT_FILE}: ${String(Buffer.byteLength(script))} bytes`);
