import { compareImpact } from '../src/compare/impact.js';
const r = compareImpact('bw-im-2023', 'bw-im-2025', {});
console.log(r.ok, r.ok ? JSON.stringify(r.report).length : r.issues, r.ok && r.report.districts.length, r.ok && JSON.stringify(r.report.totals));
