/**
 * foerderregeln/http: the HTTP service for systems that are not JavaScript (Node only).
 *
 * @packageDocumentation
 */
export { createServer, readiness, DEFAULT_LIMITS, type ServerOptions, type HttpLimits } from './server.js';
export { openApiDocument } from './openapi.js';
export { namedSchemas, publishedJsonSchema, SCHEMA_BASE, SCHEMA_VERSION } from './schemas.js';
export { HTTP_COMPUTATIONS, type HttpComputation, type ComputeQuery } from './computations.js';
