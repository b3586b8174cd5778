import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const run = promisify(execFile);

/** What `npm pack` left in target/ (the build packs before it tests) is the package its users install. */
describe('the npm package', () => {
    const info = parse(readFileSync('target/spec/openapi/coc-multicloud.yaml', 'utf8')).info;
    const tarball = resolve(`target/${info['x-npm-package']}-${info.version}.tgz`);
    const project = mkdtempSync(join(tmpdir(), 'cocsync-ts-install-'));

    afterAll(() => rmSync(project, { recursive: true, force: true }));

    it('is named and versioned by the spec, installs without a registry and exports the client and its auth', async () => {
        expect(existsSync(tarball)).toBe(true);
        writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'a-user', private: true, type: 'module' }));
        // the package has no dependencies: installing the tarball needs no registry
        await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project });

        const installed = JSON.parse(readFileSync(
            join(project, 'node_modules', info['x-npm-package'], 'package.json'), 'utf8'));
        expect(installed).toMatchObject({ name: info['x-npm-package'], version: info.version, type: 'module' });
        expect(installed.dependencies).toBeUndefined();

        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', `
            import * as client from '${info['x-npm-package']}';
            console.log(['akSkAuth', 'tokenAuth', 'AkSkSigner', 'Configuration', 'VendorAccountApi',
                'MulticloudResourceApi', 'ResponseError', 'ErrorResponseFromJSON']
                .map((name) => name + ':' + typeof client[name]).join(' '));`], { cwd: project });
        expect(stdout.trim()).toBe('akSkAuth:function tokenAuth:function AkSkSigner:function Configuration:function '
            + 'VendorAccountApi:function MulticloudResourceApi:function ResponseError:function '
            + 'ErrorResponseFromJSON:function');
        expect(existsSync(join(project, 'node_modules', info['x-npm-package'], 'dist', 'index.d.ts'))).toBe(true);
    });
});
