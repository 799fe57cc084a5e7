/**
 * Property tests run with a fixed seed in CI, so a red run is reproducible and a green one is not
 * luck; locally every run draws a new seed (set FC_SEED to replay one). `npm run fuzz` explores longer.
 */
import fc from 'fast-check';

const fixed = process.env.FC_SEED ?? (process.env.CI === 'true' ? '20261130' : undefined);
if (fixed !== undefined) fc.configureGlobal({ seed: Number(fixed) });
