#!/usr/bin/env node
// A solc executable for forge, backed by the npm `solc` package (soljson), so that forge
// compiles offline. forge calls `solc --version` and `solc --standard-json [paths…]` with the
// input on stdin. Imports that forge did not inline are read from disk, relative to the
// base path and include paths it passes.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);

if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(
    `solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`,
  );
  process.exit(0);
}

if (!args.includes('--standard-json')) {
  process.stderr.write('solc-shim: only --version and --standard-json are supported\n');
  process.exit(1);
}

const roots = [process.cwd()];
for (let i = 0; i < args.length; i++) {
  if (['--base-path', '--include-path', '--allow-paths'].includes(args[i]) && args[i + 1]) {
    for (const p of args[i + 1].split(',')) roots.push(path.resolve(p));
  }
}

function findImports(importPath) {
  const candidates = path.isAbsolute(importPath)
    ? [importPath]
    : roots.map((root) => path.join(root, importPath));
  for (const file of candidates) {
    try {
      return { contents: fs.readFileSync(file, 'utf8') };
    } catch {
      // try the next root
    }
  }
  return { error: `File not found: ${importPath}` };
}

const input = fs.readFileSync(0, 'utf8');
process.stdout.write(solc.compile(input, { import: findImports }));
