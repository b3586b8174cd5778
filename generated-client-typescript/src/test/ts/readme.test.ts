import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { quickStart } from './example/quickStart.js';
import { startInventory, type Inventory } from './support/inventory.js';
import { startServer, type RunningServer } from './support/server.js';

/** The README's example is this project's code: it compiles, runs against the server jar and says what it does. */
describe('the README example', () => {
    let server: RunningServer;
    let inventory: Inventory;

    beforeAll(async () => {
        // a server of its own: the example reads every OTHER resource there is
        server = await startServer('readme-test');
        inventory = await startInventory(1200, ['dc-1'], 500);
    });

    afterAll(async () => {
        await inventory?.close();
        await server?.stop();
    });

    it('is shown in the README exactly', () => {
        const source = readFileSync('src/test/ts/example/quickStart.ts', 'utf8');
        const example = source.slice(source.indexOf('\n', source.indexOf('// README:BEGIN')) + 1,
            source.indexOf('// README:END'));

        expect(readFileSync('README.md', 'utf8')).toContain(example);
    });

    it('synchronizes an inventory and pages through it', async () => {
        const printed: string[] = [];
        const console = vi.spyOn(globalThis.console, 'log').mockImplementation((line: string) => void printed.push(line));
        try {
            const count = await quickStart(server.baseUrl, server.ak, server.sk, inventory);

            expect(count).toBe(1200);
        } finally {
            console.mockRestore();
        }
        expect(printed).toHaveLength(1200);
        expect(printed.every((line) => /^vm-\d{5} dc-1-vm-\d+ dc-1$/.test(line))).toBe(true);
        expect(new Set(printed).size).toBe(1200);
    });
});
