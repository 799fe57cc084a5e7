/** What the money computations share; it lives in the computation layer (src/computation/money.ts). */
export * from '../computation/money.js';
