import { validate } from '@readme/openapi-parser';
import { readFileSync } from 'node:fs';
for (const f of ['schemas/openapi.json', 'schemas/openapi-3.0.json']) {
  const doc = JSON.parse(readFileSync(f, 'utf8'));
  const r = await validate(doc);
  console.log(f, r.valid, JSON.stringify(r.errors ?? r).slice(0, 1500), r.warnings?.length);
}
