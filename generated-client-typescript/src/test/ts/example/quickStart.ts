// README:BEGIN (README.md shows this file from here to README:END; readme.test.ts runs it)
import {
    Configuration, ErrorResponseFromJSON, MulticloudResourceApi, ResponseError, SyncStatus, Vendor,
    VendorAccountApi, akSkAuth,
} from 'coc-multicloud-sync-client';

/** Where an OTHER account reads its resources (docs/vendors.md, "The OTHER inventory format"). */
export interface Inventory {
    url: string;
    user: string;
    password: string;
}

/** Registers an inventory, synchronizes it, waits for the task and prints every resource. */
export async function quickStart(baseUrl: string, ak: string, sk: string, inventory: Inventory): Promise<number> {
    const config = new Configuration({
        basePath: baseUrl,
        middleware: [akSkAuth(ak, sk)], // signs every request as Huawei's SDKs do
    });
    const accounts = new VendorAccountApi(config);
    const resources = new MulticloudResourceApi(config);

    try {
        await accounts.createVendorAccount({
            vendorAccountCreateRequest: {
                vendor: Vendor.Other, accountId: 'dc-1', accountName: 'Data centre 1',
                ak: inventory.user, sk: inventory.password, endpoint: inventory.url,
            },
        });
    } catch (e) {
        if (!(e instanceof ResponseError)) {
            throw e; // no answer at all: the server cannot be reached
        }
        const error = ErrorResponseFromJSON(await e.response.json());
        if (error.errorCode !== 'COC.00101103') { // anything but "registered already"
            throw new Error(`${error.errorMsg} (request ${error.requestId})`);
        }
    }

    const taskId = (await resources.syncMultiCloudResource({
        syncMultiCloudResourceRequestBody: { vendor: Vendor.Other, accountId: 'dc-1' },
    })).data;
    let task = (await resources.showSyncTask({ taskId })).data;
    while (task.status === SyncStatus.Waiting || task.status === SyncStatus.Running) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        task = (await resources.showSyncTask({ taskId })).data;
    }
    if (task.status !== SyncStatus.Success) {
        throw new Error(`sync failed: ${task.failureMsg}`);
    }

    let count = 0;
    let marker: string | undefined; // the id of the last resource of the previous page
    for (;;) {
        const page = (await resources.listMultiCloudResources({ vendor: Vendor.Other, limit: 500, marker })).data;
        for (const resource of page) {
            console.log(`${resource.resourceId} ${resource.name} ${resource.regionId}`);
        }
        count += page.length;
        if (page.length < 500) {
            return count;
        }
        marker = page[page.length - 1].id;
    }
}
// README:END
