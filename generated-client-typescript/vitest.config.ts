import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// The tests import the built package by its name, as its users do.
export default defineConfig({
    resolve: {
        alias: { 'coc-multicloud-sync-client': resolve('target/package/dist/index.js') },
    },
    test: {
        include: ['src/test/ts/**/*.test.ts'],
        // one server jar at a time: the machine that builds is shared
        fileParallelism: false,
        testTimeout: 60_000,
        hookTimeout: 120_000,
        reporters: ['default', 'junit'],
        outputFile: { junit: 'target/vitest-reports/TEST-generated-client-typescript.xml' },
    },
});
