/**
 * Signs requests with an AK/SK the way Huawei Cloud's SDKs do (`SDK-HMAC-SHA256`): hand written,
 * beside the generated client, and independent of the server's code. It signs `host` and
 * `x-sdk-date` and hashes the real body. It uses only the Web Crypto API, which Node.js 20 and
 * browsers both have.
 */

const ALGORITHM = 'SDK-HMAC-SHA256';
const SIGNED_HEADERS = 'host;x-sdk-date';
const UTF8 = new TextEncoder();

/** The headers that authenticate one request. */
export type SignatureHeaders = {
    'X-Sdk-Date': string;
    Authorization: string;
};

export class AkSkSigner {
    readonly #ak: string;
    readonly #sk: string;
    readonly #now: () => Date;

    /** `now` is the clock that dates each signature; tests pass a fixed one. */
    constructor(ak: string, sk: string, now: () => Date = () => new Date()) {
        if (!ak || !sk) {
            throw new TypeError('AkSkSigner needs both an AK and an SK');
        }
        this.#ak = ak;
        this.#sk = sk;
        this.#now = now;
    }

    /**
     * The `X-Sdk-Date` and `Authorization` headers for a request. `url` is the full URL as it will
     * be sent (its host and port become the signed `Host`); `body` is the request body as fetch
     * will send it: nothing, a string (sent as UTF-8) or bytes.
     */
    async sign(method: string, url: string, body?: unknown): Promise<SignatureHeaders> {
        const target = new URL(url);
        const date = sdkDate(this.#now());
        const canonical = [
            method.toUpperCase(),
            canonicalUri(target.pathname),
            canonicalQuery(target.search),
            `host:${target.host}`,
            `x-sdk-date:${date}`,
            '',
            SIGNED_HEADERS,
            hex(await sha256(bodyBytes(body))),
        ].join('\n');
        const stringToSign = `${ALGORITHM}\n${date}\n${hex(await sha256(UTF8.encode(canonical)))}`;
        const signature = hex(await hmacSha256(this.#sk, stringToSign));
        return {
            'X-Sdk-Date': date,
            Authorization: `${ALGORITHM} Access=${this.#ak}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`,
        };
    }

    /** Names the AK only: the SK never appears in logs or error messages. */
    toString(): string {
        return `AkSkSigner[ak=${this.#ak}]`;
    }
}

/** `yyyyMMdd'T'HHmmss'Z'` in UTC. */
function sdkDate(instant: Date): string {
    return instant.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** Each path segment decoded, then encoded by the signing rules and followed by `/`; the root stays `/`. */
function canonicalUri(rawPath: string): string {
    const segments = rawPath.split('/').filter((segment) => segment.length > 0);
    return '/' + segments.map((segment) => `${encode(decodeURIComponent(segment))}/`).join('');
}

/**
 * Parameters sorted by encoded name, each name and value decoded as a form field (`+` is a space)
 * and encoded again by the signing rules; a repeated name keeps its values in the order sent.
 */
function canonicalQuery(search: string): string {
    const raw = search.startsWith('?') ? search.slice(1) : search;
    const pairs = raw.split('&').filter((parameter) => parameter.length > 0).map((parameter) => {
        const eq = parameter.indexOf('=');
        const name = eq < 0 ? parameter : parameter.slice(0, eq);
        const value = eq < 0 ? '' : parameter.slice(eq + 1);
        return [encode(formDecode(name)), encode(formDecode(value))] as const;
    });
    // Array.prototype.sort is stable: values of a repeated name stay in the order sent
    pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function formDecode(text: string): string {
    return decodeURIComponent(text.replace(/\+/g, ' '));
}

/**
 * Percent-encodes UTF-8, leaving only letters, digits and `-._~`: what Java's URLEncoder gives
 * after the scheme's `+` → `%20`, `*` → `%2A` and `%7E` → `~`.
 */
function encode(text: string): string {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function bodyBytes(body: unknown): Uint8Array<ArrayBuffer> {
    if (body === undefined || body === null) {
        return new Uint8Array(0);
    }
    if (typeof body === 'string') {
        return UTF8.encode(body);
    }
    if (body instanceof Uint8Array) {
        return new Uint8Array(body);
    }
    if (body instanceof ArrayBuffer) {
        return new Uint8Array(body);
    }
    // a stream or form would be read (and used up) by signing it: the API sends only JSON text
    throw new TypeError(`cannot sign a request body of type ${Object.prototype.toString.call(body)}`);
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
    return crypto.subtle.digest('SHA-256', bytes);
}

async function hmacSha256(secret: string, text: string): Promise<ArrayBuffer> {
    const key = await crypto.subtle.importKey('raw', UTF8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false,
        ['sign']);
    return crypto.subtle.sign('HMAC', key, UTF8.encode(text));
}

function hex(bytes: ArrayBuffer): string {
    return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
