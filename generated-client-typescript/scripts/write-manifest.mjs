// Writes the npm package's own package.json into target/package, beside the compiled client:
// its name is the spec's info.x-npm-package, its version the spec's info.version, so the package
// says which API it speaks. The module's README.md becomes the package's README.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const spec = parse(readFileSync('target/spec/openapi/coc-multicloud.yaml', 'utf8'));
const { title, version, license } = spec.info;
const name = spec.info['x-npm-package'];
if (!name || !version) {
  throw new Error('the spec must give info.x-npm-package and info.version: they name the npm package');
}

const manifest = {
  name,
  version,
  description: `Client of the ${title} API (OpenAPI ${version}), generated from its OpenAPI document, `
    + 'with AK/SK request signing (SDK-HMAC-SHA256) and token authentication.',
  license: license?.name,
  type: 'module',
  main: './dist/index.js',
  types: './dist/index.d.ts',
  exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
  files: ['dist', 'README.md'],
  sideEffects: false,
  engines: { node: '>=20' },
};
writeFileSync('target/package/package.json', JSON.stringify(manifest, null, 2) + '\n');
copyFileSync('README.md', 'target/package/README.md');
console.log(`generated-client-typescript: target/package is ${name}@${version}`);
