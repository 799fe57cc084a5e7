import { PACKAGE_VERSION } from '../ruleset/bundled.generated.js';

/**
 * The package version of this build: package.json's version, put in by the build (tsup `define`
 * of `__FOERDERREGELN_VERSION__` in src/ruleset/bundled.generated.ts), so a version bump needs no
 * `npm run rules:build`. From the sources (tsx) the version of the last `rules:build` is used; the
 * tests (vitest) define it from package.json too.
 */
export const VERSION: string = PACKAGE_VERSION;
