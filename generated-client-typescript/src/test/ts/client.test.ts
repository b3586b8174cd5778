import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    Configuration, MulticloudResourceApi, SyncStatus, Vendor, VendorAccountApi, akSkAuth, tokenAuth,
    type MultiCloudResource, type SyncTask, type VendorAccount,
} from 'coc-multicloud-sync-client';
import { startInventory, type Inventory } from './support/inventory.js';
import { refusalOf } from './support/errors.js';
import { startServer, type RunningServer } from './support/server.js';

/**
 * The generated TypeScript client, signing with the hand-written signer, against the real server
 * jar: every operation, documented errors read by their error_code, paging by marker, and a sync
 * of an OTHER account followed to its end.
 */
let server: RunningServer;
let accounts: VendorAccountApi;
let resources: MulticloudResourceApi;
let sequence = 0;

beforeAll(async () => {
    server = await startServer('client-test');
    const config = new Configuration({ basePath: server.baseUrl, middleware: [akSkAuth(server.ak, server.sk)] });
    accounts = new VendorAccountApi(config);
    resources = new MulticloudResourceApi(config);
});

afterAll(async () => {
    await server?.stop();
});

/** A name no other test of this run uses: the tests share one server. */
function unique(prefix: string): string {
    return `${prefix}-${++sequence}-${Math.random().toString(36).slice(2, 8)}`;
}

async function registerOther(inventory: Inventory, accountId = unique('acct')): Promise<string> {
    const created = await accounts.createVendorAccount({
        vendorAccountCreateRequest: {
            vendor: Vendor.Other, accountId, accountName: `Inventory ${accountId}`,
            ak: inventory.user, sk: inventory.password, endpoint: inventory.url,
        },
    });
    return created.data;
}

async function accountById(accountId: string): Promise<VendorAccount[]> {
    return (await accounts.listVendorAccount({ limit: 10, vendor: Vendor.Other, accountId })).data;
}

/** Polls ShowSyncTask until the task is neither waiting nor running. */
async function followToItsEnd(taskId: string): Promise<SyncTask> {
    const deadline = Date.now() + 45_000;
    for (;;) {
        const task = (await resources.showSyncTask({ taskId })).data;
        if (task.status !== SyncStatus.Waiting && task.status !== SyncStatus.Running) {
            return task;
        }
        if (Date.now() > deadline) {
            throw new Error(`the sync task ${taskId} is still ${task.status}`);
        }
        await new Promise((done) => setTimeout(done, 200));
    }
}

describe('vendor accounts', () => {
    it('are registered, found, updated and deleted', async () => {
        const inventory = await startInventory(0, ['unused']);
        try {
            const accountId = unique('crud');
            const id = await registerOther(inventory, accountId);

            const [registered] = await accountById(accountId);
            expect(registered).toMatchObject({ id, vendor: Vendor.Other, accountId, accountName: `Inventory ${accountId}`,
                ak: inventory.user, endpoint: inventory.url, syncStatus: SyncStatus.Waiting });
            expect(registered).not.toHaveProperty('sk');
            expect(registered.createTime).toBeInstanceOf(Date);

            // a UTF-8 body, and a query with characters that fetch sends unencoded but the signature encodes
            const name = `Zürich (${accountId}) *`;
            const updated = await accounts.updateVendorAccount({ id, vendorAccountUpdateRequest: { accountName: name } });
            expect(updated.data).toBe(id);
            const found = await accounts.listVendorAccount({ limit: 10, accountName: `ürich (${accountId}) *` });
            expect(found.data.map((account) => account.accountName)).toEqual([name]);
            expect((await accountById(accountId))[0]).toMatchObject({ accountName: name, ak: inventory.user });

            expect((await accounts.deleteVendorAccount({ id })).data).toBe(id);
            expect(await accountById(accountId)).toEqual([]);
        } finally {
            await inventory.close();
        }
    });

    it('are paged by marker, with the total of every match on each page', async () => {
        const inventory = await startInventory(0, ['unused']);
        try {
            const name = unique('paged');
            const ids = [];
            for (let i = 0; i < 5; i++) {
                ids.push(await registerOther(inventory, `${name}-${i}`));
            }

            const seen: string[] = [];
            let marker: string | undefined;
            for (;;) {
                const page = await accounts.listVendorAccount({ limit: 2, accountName: name, marker });
                expect(page.total).toBe(5);
                seen.push(...page.data.map((account) => account.id));
                if (page.data.length < 2) {
                    break;
                }
                marker = page.data[page.data.length - 1].id;
            }

            expect(seen).toEqual([...ids].sort());
        } finally {
            await inventory.close();
        }
    });
});

describe('a sync of an OTHER account', () => {
    it('is followed to its end, and the inventory it read is listed by marker and counted', async () => {
        const region = unique('dc');
        const inventory = await startInventory(230, [region, `${region}-b`], 40);
        try {
            const accountId = unique('sync');
            await registerOther(inventory, accountId);

            const taskId = (await resources.syncMultiCloudResource({
                syncMultiCloudResourceRequestBody: { vendor: Vendor.Other, accountId },
            })).data;
            const task = await followToItsEnd(taskId);

            expect(task).toMatchObject({ taskId, vendor: Vendor.Other, status: SyncStatus.Success, resourcesRead: 230,
                resourcesAdded: 230, resourcesRemoved: 0 });
            expect(task.accounts).toHaveLength(1);
            expect(task.accounts[0]).toMatchObject({ accountId, status: SyncStatus.Success, resourcesRead: 230 });
            expect(inventory.pagesServed()).toBe(6);
            expect((await accountById(accountId))[0]).toMatchObject({ syncStatus: SyncStatus.Success });
            expect((await accountById(accountId))[0].syncDate).toBeInstanceOf(Date);

            const listed: MultiCloudResource[] = [];
            let marker: string | undefined;
            for (;;) {
                const page = (await resources.listMultiCloudResources({
                    vendor: Vendor.Other, limit: 50, regionIdList: [region, `${region}-b`], marker,
                })).data;
                listed.push(...page);
                if (page.length < 50) {
                    break;
                }
                marker = page[page.length - 1].id;
            }
            expect(listed.map((resource) => resource.resourceId).sort())
                .toEqual(inventory.resources.map((resource) => resource.id));
            expect(listed.map((resource) => resource.id)).toEqual(listed.map((resource) => resource.id).sort());
            expect(listed.every((resource) => resource.datasource === accountId && resource.type === 'servers')).toBe(true);
            expect(listed.find((resource) => resource.resourceId === 'vm-00007'))
                .toMatchObject({ name: `${region}-b-vm-7`, regionId: `${region}-b`, properties: { cpus: 8, os: 'Debian 12' } });

            expect((await resources.countMultiCloudResources({ vendor: Vendor.Other, regionIdList: [region] })).data)
                .toBe(115);
            expect((await resources.countMultiCloudResources({
                vendor: Vendor.Other, regionIdList: [region, `${region}-b`], resourceIdList: ['vm-00000', 'vm-00001'],
            })).data).toBe(2);
        } finally {
            await inventory.close();
        }
    });
});

describe('documented errors', () => {
    it('are read by their error_code, with the request id in the body and the header', async () => {
        const refused = await refusalOf(() => resources.syncMultiCloudResource({
            syncMultiCloudResourceRequestBody: { vendor: Vendor.Other, accountId: unique('unknown') },
        }));

        expect(refused.status).toBe(400);
        expect(refused.error.errorCode).toBe('COC.00101102');
        expect(refused.error.errorMsg).toMatch(/does not exist/);
        expect(refused.error.requestId).toMatch(/^[0-9a-f]{32}$/);
        expect(refused.headerRequestId).toBe(refused.error.requestId);
    });

    it('name an account registered twice and a request out of range', async () => {
        const inventory = await startInventory(0, ['unused']);
        try {
            const accountId = unique('twice');
            await registerOther(inventory, accountId);

            expect((await refusalOf(() => registerOther(inventory, accountId))).error.errorCode).toBe('COC.00101103');
            const outOfRange = await refusalOf(() => accounts.listVendorAccount({ limit: 501 }));
            expect(outOfRange).toMatchObject({ status: 400, error: { errorCode: 'COC.00010002' } });
        } finally {
            await inventory.close();
        }
    });
});

describe('authentication', () => {
    it('accepts a token in X-Auth-Token', async () => {
        const withToken = new VendorAccountApi(new Configuration({
            basePath: server.baseUrl, middleware: [tokenAuth(server.token)],
        }));

        const page = await withToken.listVendorAccountRaw({ limit: 1 });

        expect(page.raw.status).toBe(200);
        expect(page.raw.headers.get('X-Request-Id')).toMatch(/^[0-9a-f]{32}$/);
    });

    it('refuses a request without credentials, or signed with another secret key', async () => {
        const anonymous = new VendorAccountApi(new Configuration({ basePath: server.baseUrl }));
        const forged = new VendorAccountApi(new Configuration({
            basePath: server.baseUrl, middleware: [akSkAuth(server.ak, 'not-the-secret-key')],
        }));

        expect(await refusalOf(() => anonymous.listVendorAccount({ limit: 1 })))
            .toMatchObject({ status: 401, error: { errorCode: 'APIG.0301' } });
        expect(await refusalOf(() => forged.listVendorAccount({ limit: 1 })))
            .toMatchObject({ status: 401, error: { errorCode: 'APIG.0301' } });
    });
});
