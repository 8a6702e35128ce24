// Adds up the results of every suite (TRX files from dotnet test, vitest's JSON report, the TAP of
// node's test runner for the end-to-end tests) and prints
// the one closing line CI reads: "N passed, M failed, K skipped". Exits 1 if anything failed or
// if no test ran at all.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0, failed = 0, skipped = 0;

function walk(path) {
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) walk(full);
    else if (name.endsWith('.trx')) {
      const counters = readFileSync(full, 'utf8').match(/<Counters\b[^>]*>/);
      if (!counters) { failed += 1; continue; }
      const attr = (n) => Number((counters[0].match(new RegExp(`\\b${n}="(\\d+)"`)) ?? [0, 0])[1]);
      passed += attr('passed');
      failed += attr('failed') + attr('error') + attr('timeout') + attr('aborted');
      skipped += attr('notExecuted');
    }
  }
}
if (existsSync(join(dir, 'dotnet'))) walk(join(dir, 'dotnet'));

const vitest = join(dir, 'vitest.json');
if (existsSync(vitest)) {
  const report = JSON.parse(readFileSync(vitest, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  // A suite that failed to load has no tests but must not pass silently.
  if (report.numFailedTestSuites > 0 && report.numFailedTests === 0) failed += report.numFailedTestSuites;
} else {
  failed += 1;
  console.error('vitest produced no report');
}

// node --test (end-to-end) writes TAP with "# pass N", "# fail N", "# skipped N" summary lines.
const tap = join(dir, 'e2e.tap');
if (existsSync(tap)) {
  const text = readFileSync(tap, 'utf8');
  const count = (name) => Number((text.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [0, 0])[1]);
  if (!/^# pass \d+$/m.test(text)) failed += 1;
  passed += count('pass');
  failed += count('fail') + count('cancelled');
  skipped += count('skipped') + count('todo');
} else {
  failed += 1;
  console.error('the end-to-end tests produced no report');
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
