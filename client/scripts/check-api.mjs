#!/usr/bin/env node
// Fails when src/api/schema.d.ts (or src/api/limits.ts) is not what ../openapi.yaml makes today,
// i.e. when the API changed and `npm run gen:api` was not run (or the generated file was hand-edited).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, '../openapi.yaml');
const committed = resolve(root, 'src/api/schema.d.ts');
const bin = resolve(root, 'node_modules/.bin/openapi-typescript');

if (!existsSync(spec)) {
  console.error(`check:api: ${spec} does not exist; the generated client types cannot be checked.`);
  process.exit(1);
}
if (!existsSync(committed)) {
  console.error('check:api: src/api/schema.d.ts is missing; run `npm run gen:api`.');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'communityhub-schema-'));
try {
  const fresh = join(dir, 'schema.d.ts');
  execFileSync(bin, [spec, '-o', fresh], { stdio: ['ignore', 'ignore', 'inherit'] });
  const want = readFileSync(fresh, 'utf8').split('\n');
  const have = readFileSync(committed, 'utf8').split('\n');
  const line = want.findIndex((text, i) => text !== have[i]);
  if (line === -1 && want.length === have.length) {
    console.log('check:api: src/api/schema.d.ts matches openapi.yaml.');
  } else {
    const at = line === -1 ? Math.min(want.length, have.length) : line;
    console.error('check:api: src/api/schema.d.ts is stale against openapi.yaml; run `npm run gen:api` and commit the result.');
    console.error(`  first difference at line ${at + 1}:`);
    console.error(`  generated: ${want[at] ?? '(end of file)'}`);
    console.error(`  committed: ${have[at] ?? '(end of file)'}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// The forms' limits (src/api/limits.ts) come from the same document.
const limits = execFileSync(process.execPath, [resolve(root, 'scripts/gen-limits.mjs'), '--print'], { encoding: 'utf8' });
const limitsFile = resolve(root, 'src/api/limits.ts');
if (!existsSync(limitsFile) || readFileSync(limitsFile, 'utf8') !== limits) {
  console.error('check:api: src/api/limits.ts is stale against openapi.yaml; run `npm run gen:api` and commit the result.');
  process.exitCode = 1;
} else {
  console.log('check:api: src/api/limits.ts matches openapi.yaml.');
}
