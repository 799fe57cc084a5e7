import { computeGrant } from '../src/index.js';
for (const fte of ['0,5', '0.5', ' 0.5', '1e-1', '-0.5', '.5']) { const r = computeGrant({ id: 'p', qualification: 'vocational', fte, startDate: '2018-01-01' }); console.log(JSON.stringify(fte), r.ok, r.ok ? r.fte : r.issues[0]?.code); }
