import { describe, expect, it } from 'vitest';
import {
    AkSkSigner, Configuration, VendorAccountApi, akSkAuth, tokenAuth, type Middleware,
} from 'coc-multicloud-sync-client';

/**
 * The signer against the known signatures that the Java signer's tests and the server's verifier
 * tests use, computed by an independent reference written from aksk-signing.md
 * (impl/src/test/resources/aksk/vectors.py).
 */
const AK = 'HPUAEXAMPLEAK0000001';
const SK = 'example-sk-0123456789abcdef';
const BASE = 'http://cocsync.example.com:8080';
const signer = new AkSkSigner(AK, SK, () => new Date('2026-11-22T08:36:00Z'));

function authorization(signature: string): string {
    return `SDK-HMAC-SHA256 Access=${AK}, SignedHeaders=host;x-sdk-date, Signature=${signature}`;
}

describe('AkSkSigner', () => {
    it('signs a GET with a query', async () => {
        expect(await signer.sign('GET', `${BASE}/v1/vendor-account?limit=10&offset=0`)).toEqual({
            'X-Sdk-Date': '20261122T083600Z',
            Authorization: authorization('1a7e6e2bdfd10250b7049e7a54804089d280c08054aa0bf78d7ba38de28bf93d'),
        });
    });

    it('signs repeated and encoded query values in the order sent', async () => {
        const url = `${BASE}/v1/multicloud-resources?vendor=AWS&region_id_list=us-east-1&name_list=web%201`
            + '&region_id_list=eu-west-1&limit=5&name_list=a%2Fb%2A~%2B%C3%A9';

        expect((await signer.sign('GET', url)).Authorization)
            .toBe(authorization('8a67be09bad74072996fc501ecbd62b4a2c655446aeddb8cb0b466b6fc0c8e0f'));
    });

    it('signs a path needing encoding and a non-empty body, as text or as bytes', async () => {
        const url = `${BASE}/v1/vendor-account/ab%20c~d%2Ae%2Bf`;
        const body = '{"account_name": "Zürich"}';
        const expected = authorization('ec449a554e3a20226ed7c08d8d35fd87f22f043c6efc2042d82fd57e40bdeca1');

        expect((await signer.sign('PUT', url, body)).Authorization).toBe(expected);
        expect((await signer.sign('PUT', url, new TextEncoder().encode(body))).Authorization).toBe(expected);
    });

    it('refuses a body it would have to consume to sign', async () => {
        await expect(signer.sign('POST', `${BASE}/v1/vendor-account`, new ReadableStream()))
            .rejects.toThrow(/cannot sign a request body/);
    });

    it('never shows the secret key', () => {
        expect(String(signer)).toBe(`AkSkSigner[ak=${AK}]`);
        expect(String(signer)).not.toContain(SK);
    });
});

describe('the signer and the token as middleware of the generated client', () => {
    /** The generated client with one middleware, sending into a fetch that records what it was given. */
    function clientSeeing(middleware: Middleware) {
        const sent: Request[] = [];
        const api = new VendorAccountApi(new Configuration({
            basePath: BASE,
            middleware: [middleware],
            fetchApi: async (input, init) => {
                sent.push(new Request(input, init));
                return new Response('{"data": [], "total": 0}', { headers: { 'Content-Type': 'application/json' } });
            },
        }));
        return { api, sent };
    }

    it('signs the request that the generated client builds, headers kept', async () => {
        const { api, sent } = clientSeeing(akSkAuth(signer));

        await api.listVendorAccount({ limit: 10, offset: 0 }, { headers: { 'X-Request-Id': 'kept' } });

        expect(sent[0].url).toBe(`${BASE}/v1/vendor-account?limit=10&offset=0`);
        expect(sent[0].headers.get('X-Sdk-Date')).toBe('20261122T083600Z');
        expect(sent[0].headers.get('Authorization'))
            .toBe(authorization('1a7e6e2bdfd10250b7049e7a54804089d280c08054aa0bf78d7ba38de28bf93d'));
        expect(sent[0].headers.get('X-Request-Id')).toBe('kept');
    });

    it('sends a token in X-Auth-Token, asking a function for it on every request', async () => {
        let renewals = 0;
        const { api, sent } = clientSeeing(tokenAuth(() => `token-${++renewals}`));

        await api.listVendorAccount({ limit: 1 });
        await api.listVendorAccount({ limit: 1 });

        expect(sent.map((request) => request.headers.get('X-Auth-Token'))).toEqual(['token-1', 'token-2']);
        expect(sent[0].headers.get('Authorization')).toBeNull();
    });
});
