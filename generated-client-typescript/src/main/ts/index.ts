// The package's entry point: the client generated from the OpenAPI document, and its authentication.
export * from './generated/index.js';
export { AkSkSigner, type SignatureHeaders } from './auth/akSkSigner.js';
export { akSkAuth, tokenAuth } from './auth/middleware.js';
