#!/usr/bin/env node
// Builds the TypeScript sources into plain JavaScript in dist/, once, so that `mmb` starts without
// compiling anything. `npm install` and `npm ci` run it (the `prepare` script); `npm run build`
// runs it by hand. bin/mmb.js runs dist/ while it is as new as every source it was built from
// (dist/inputs.json), and the sources through tsx otherwise.
//
//   node bin/build.js                  builds into dist/
//   node bin/build.js --outdir DIR     builds into another folder (the build test)
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { outdir: { type: 'string' } } });
const outdir = resolve(values.outdir ?? join(ROOT, 'dist'));

/**
 * A bundle has one `import.meta.url` for all its modules; a source that finds a file next to
 * itself (src/store/migrate.ts: `new URL('../../data/migrations/', import.meta.url)`) must keep
 * seeing its own. Each source's `import.meta.url` becomes its own file's URL, written relative
 * to the bundle, so the built code finds data/migrations wherever the repository lies.
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (/import\.meta\.(dirname|filename)/.test(source)) {
        throw new Error(`${relative(ROOT, args.path)}: use import.meta.url, not dirname/filename`);
      }
      if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
      const path = relative(outdir, args.path).split('\\').join('/');
      const own = `new URL(${JSON.stringify(path)}, import.meta.url).href`;
      return { contents: source.replaceAll('import.meta.url', own), loader: 'ts' };
    });
  },
};

/**
 * npm packages stay in node_modules (pdfkit finds its fonts there, better-sqlite3 is native, the
 * chat platforms are big and load only for `mmb start`), except the few small pure-JavaScript ones
 * every command loads: bundled, esbuild keeps only what is used (date-fns/locale is every locale
 * in hundreds of files; the bundle holds `nl` alone) and Node resolves no files for them at start.
 */
const BUNDLED = new Set(['zod', 'date-fns', '@date-fns/tz']);
const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const externalPackages = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || BUNDLED.has(packageName(args.path))) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const startedAt = new Date();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const result = await build({
  absWorkingDir: ROOT,
  entryPoints: { cli: 'src/cli/cli.ts' },
  outdir,
  bundle: true,
  // Each command's modules in their own chunk: `mmb state` loads no chat platform.
  splitting: true,
  // Every chunk directly in outdir: ownImportMetaUrl writes paths relative to it.
  chunkNames: '[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  plugins: [externalPackages, ownImportMetaUrl],
});

// What bin/mmb.js checks: every source the bundle holds (paths from the repository root).
// The build's own settings count too: a changed tsconfig.json or bin/build.js needs a new build.
const inputs = [
  ...Object.keys(result.metafile.inputs).filter((path) => !path.includes('node_modules')),
  'tsconfig.json',
  'bin/build.js',
];
writeFileSync(join(outdir, 'inputs.json'), `${JSON.stringify(inputs)}\n`);
// The stamp's time is when the build began: a source saved during the build counts as newer.
const stamp = join(outdir, 'built-at');
writeFileSync(stamp, `${startedAt.toISOString()}\n`);
utimesSync(stamp, startedAt, startedAt);
console.error(
  `mmb: ${inputs.length} sources built into ${relative(ROOT, outdir) || outdir}/ in ${Date.now() - startedAt.getTime()} ms`,
);
