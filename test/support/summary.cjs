// Adds up the JSON reports the Jest tiers wrote to test/artifacts and prints one closing line.
const fs = require('node:fs');
const path = require('node:path');
const dir = path.join(__dirname, '..', 'artifacts');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  if (!/^jest-.*\.json$/.test(file)) continue;
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests || 0);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
