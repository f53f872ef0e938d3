// Builds only what changed since the last build, so `npm start` and `npm run kring` start in
// seconds on a checkout that has built once. Each part (server, client) has a stamp in dist/: a
// hash of everything its build reads. A part whose inputs hash to its stamp, and whose output is
// still there, is skipped; any other part is built and its stamp written after a build that
// succeeded. Usage: node scripts/build.mjs [server|client ...] [--force] [--quiet]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMPS = join(ROOT, 'dist');
const bin = (path) => join(ROOT, 'node_modules', path);

/**
 * What each part's build reads, and the files without which its output is not there. The client
 * imports the shared contracts from src/contracts; both read the lock file (a dependency's new
 * version can change the output).
 */
const PARTS = {
  server: {
    inputs: ['src', 'migrations', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    outputs: ['dist/src/main.js', 'dist/src/cli.js'],
    // Incremental (tsconfig.build.json's tsBuildInfoFile): only changed files are emitted again.
    command: [bin('typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
  },
  client: {
    inputs: ['client', 'src/contracts', 'package-lock.json'],
    outputs: ['client/dist/index.html'],
    command: [bin('vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'],
  },
};

/** Skipped everywhere: build output, dependencies, and editors' droppings. */
const IGNORED = new Set(['dist', 'node_modules', '.DS_Store']);

/** The input's files (itself, or every file under it), as paths from the repository's root. */
function inputFiles(input) {
  const absolute = join(ROOT, input);
  if (!existsSync(absolute)) {
    return [];
  }
  if (!statSync(absolute).isDirectory()) {
    return [input];
  }
  return readdirSync(absolute, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !file.split('/').some((segment) => IGNORED.has(segment) || segment.endsWith('~')));
}

/** One hash of the paths and contents of every input, and of the Node major version. */
function inputsHash(part) {
  const digest = createHash('sha256').update(`node ${process.versions.node.split('.')[0]}\n`);
  for (const file of [...new Set(part.inputs.flatMap(inputFiles))].sort()) {
    digest
      .update(file)
      .update('\0')
      .update(readFileSync(join(ROOT, file)))
      .update('\0');
  }
  return digest.digest('hex');
}

/** The stamp also holds a hash of the output, so an output rebuilt from other sources is noticed. */
function outputsHash(part) {
  const digest = createHash('sha256');
  for (const file of part.outputs) {
    digest
      .update(file)
      .update('\0')
      .update(readFileSync(join(ROOT, file)));
  }
  return digest.digest('hex');
}

const stampFile = (name) => join(STAMPS, `.build-stamp-${name}.json`);

function readStamp(name) {
  try {
    return JSON.parse(readFileSync(stampFile(name), 'utf8'));
  } catch {
    return undefined;
  }
}

function isCurrent(name, part, inputs) {
  if (!part.outputs.every((file) => existsSync(join(ROOT, file)))) {
    return false;
  }
  const stamp = readStamp(name);
  return stamp?.inputs === inputs && stamp.outputs === outputsHash(part);
}

function build(name, { force, quiet }) {
  const part = PARTS[name];
  const inputs = inputsHash(part);
  if (!force && isCurrent(name, part, inputs)) {
    return 'current';
  }
  if (!quiet) {
    process.stdout.write(`Building the ${name}…\n`);
  }
  rmSync(stampFile(name), { force: true });
  const [script, ...args] = part.command;
  const result = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`Building the ${name} failed (see above).\n`);
    process.exit(result.status ?? 1);
  }
  mkdirSync(STAMPS, { recursive: true });
  writeFileSync(
    stampFile(name),
    `${JSON.stringify({ inputs, outputs: outputsHash(part), at: new Date().toISOString() })}\n`,
  );
  return 'built';
}

const args = process.argv.slice(2);
const options = { force: args.includes('--force'), quiet: args.includes('--quiet') };
const names = args.filter((arg) => !arg.startsWith('--'));
for (const name of names) {
  if (!(name in PARTS)) {
    process.stderr.write(`Unknown part "${name}": use ${Object.keys(PARTS).join(', ')}.\n`);
    process.exit(1);
  }
}
const started = performance.now();
const outcome = (names.length ? names : Object.keys(PARTS)).map((name) => `${name} ${build(name, options)}`);
if (!options.quiet) {
  process.stdout.write(`Build: ${outcome.join(', ')} (${((performance.now() - started) / 1000).toFixed(1)} s).\n`);
}
