import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

/** One resource as an OTHER inventory serves it (docs/vendors.md, "The OTHER inventory format"). */
export interface InventoryResource {
    id: string;
    name: string;
    type: string;
    region: string;
    properties: Record<string, unknown>;
}

/** A running inventory: its URL and the HTTP Basic credentials it accepts. */
export interface Inventory {
    url: string;
    user: string;
    password: string;
    resources: InventoryResource[];
    /** How many pages the server has read so far. */
    pagesServed(): number;
    close(): Promise<void>;
}

/**
 * Serves `count` machines spread over `regions` as an OTHER account's inventory on a loopback port:
 * pages of `pageSize` resources at `/inventory`, continued with `?marker=` (here: the index of the
 * page's first resource), behind HTTP Basic authentication.
 */
export async function startInventory(count: number, regions: string[], pageSize = 50): Promise<Inventory> {
    const user = 'inventory-reader';
    const password = `inventory-${Math.random().toString(36).slice(2)}`;
    const resources: InventoryResource[] = Array.from({ length: count }, (_, i) => ({
        id: `vm-${String(i).padStart(5, '0')}`,
        name: `${regions[i % regions.length]}-vm-${i}`,
        type: 'servers',
        region: regions[i % regions.length],
        properties: { cpus: 1 + (i % 8), os: 'Debian 12' },
    }));
    let pages = 0;
    const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
        const url = new URL(request.url ?? '/', 'http://inventory');
        if (url.pathname !== '/inventory') {
            return answer(response, 404, { error: 'no such path' });
        }
        if (request.headers.authorization !== expected) {
            return answer(response, 401, { error: 'unauthorized' });
        }
        const start = Number(url.searchParams.get('marker') ?? '0');
        const end = Math.min(resources.length, start + pageSize);
        pages++;
        answer(response, 200, {
            resources: resources.slice(start, end),
            ...(end < resources.length ? { next_marker: String(end) } : {}),
        });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    if (address === null || typeof address === 'string') {
        throw new Error('the inventory is not listening on a port');
    }
    return {
        url: `http://127.0.0.1:${address.port}/inventory`,
        user,
        password,
        resources,
        pagesServed: () => pages,
        close: () => new Promise((done) => server.close(() => done())),
    };
}

function answer(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
