import type { Middleware, RequestContext } from '../generated/runtime.js';
import { AkSkSigner } from './akSkSigner.js';

/**
 * Fetch middleware for the generated client that signs every request with an AK/SK. Put it last
 * among the middleware that change requests: the signature covers the URL and body it sees.
 *
 * ```ts
 * const config = new Configuration({ basePath, middleware: [akSkAuth(ak, sk)] });
 * ```
 */
export function akSkAuth(ak: string, sk: string): Middleware;
export function akSkAuth(signer: AkSkSigner): Middleware;
export function akSkAuth(akOrSigner: string | AkSkSigner, sk?: string): Middleware {
    const signer = typeof akOrSigner === 'string' ? new AkSkSigner(akOrSigner, sk ?? '') : akOrSigner;
    return {
        async pre({ url, init }: RequestContext) {
            const signature = await signer.sign(init.method ?? 'GET', url, init.body);
            return { url, init: { ...init, headers: withHeaders(init.headers, signature) } };
        },
    };
}

/**
 * Fetch middleware that authenticates every request with a token in `X-Auth-Token` (e.g. one
 * printed by the server's `issue-token` command). A function is asked again on every request, so
 * it can hand out a renewed token.
 */
export function tokenAuth(token: string | (() => string | Promise<string>)): Middleware {
    return {
        async pre({ url, init }: RequestContext) {
            const value = typeof token === 'function' ? await token() : token;
            return { url, init: { ...init, headers: withHeaders(init.headers, { 'X-Auth-Token': value }) } };
        },
    };
}

/** The request's headers, whatever form they came in, with `added` set over them. */
function withHeaders(headers: HeadersInit | undefined, added: Record<string, string>): Headers {
    const merged = new Headers(headers);
    for (const [name, value] of Object.entries(added)) {
        merged.set(name, value);
    }
    return merged;
}
