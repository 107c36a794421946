#!/usr/bin/env node
// Keeps package-lock.json complete for `npm ci`.
//
// The registry this project's machines reach does not serve some platform-specific optional
// packages (@foundry-rs/*-darwin-*, several @rollup/rollup-*), so `npm install` leaves them out of
// the lock, and `npm ci` then refuses the lock as out of sync. This script adds each missing
// optional dependency with its version, os, cpu and libc: npm ci sees a complete lock and skips
// the entries that do not match this platform, without fetching them. Idempotent; run by the
// root `postinstall` script after every `npm install`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages ?? {};

const OSES = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openbsd',
  'openharmony',
  'sunos',
  'aix',
];
const CPUS = [
  [/amd64|x64/, 'x64'],
  [/arm64/, 'arm64'],
  [/ia32/, 'ia32'],
  [/-arm-|-arm$|armv7/, 'arm'],
  [/loong64/, 'loong64'],
  [/ppc64/, 'ppc64'],
  [/riscv64/, 'riscv64'],
  [/s390x/, 's390x'],
];

let added = 0;
for (const [key, entry] of Object.entries({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    // Resolved next to the dependent or at the root, as npm would place it.
    const nested = `${key ? `${key}/` : ''}node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    const os = OSES.find((o) => name.includes(`-${o}`));
    const cpu = CPUS.find(([re]) => re.test(name))?.[1];
    if (!os || !cpu || !/^\d+\.\d+\.\d+/.test(version)) continue; // not a platform binary: leave it
    const record = { version, dev: entry.dev, optional: true, os: [os], cpu: [cpu] };
    if (/musl/.test(name)) record.libc = ['musl'];
    else if (/-gnu/.test(name)) record.libc = ['glibc'];
    if (!record.dev) delete record.dev;
    packages[`node_modules/${name}`] = record;
    added++;
  }
}

if (added > 0) {
  const sorted = {};
  for (const key of Object.keys(packages).sort((a, b) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'),
  )) {
    sorted[key] = packages[key];
  }
  lock.packages = sorted;
  fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: added ${added} platform-specific optional packages for npm ci`);
}
