import { PACKAGE_VERSION } from '../ruleset/bundled.generated.js';

// Replaced by tsup at build time with package.json's version; from the sources (tsx, vitest) the
// version written by `npm run rules:build` is used (`npm run rules:check` fails when it is stale).
declare const __FOERDERREGELN_VERSION__: string | undefined;

/** The package version of this build. */
export const VERSION: string = typeof __FOERDERREGELN_VERSION__ === 'string' ? __FOERDERREGELN_VERSION__ : PACKAGE_VERSION;
