// Prints the figures the reliability suite recorded (test/artifacts/reliability/*.json).
const fs = require('node:fs');
const path = require('node:path');
const dir = path.join(__dirname, '..', 'artifacts', 'reliability');
const totals = {};
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
console.log('\nReliability report');
for (const file of files) {
  const figures = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  console.log(`  ${file.replace(/\.json$/, '').padEnd(22)} ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join('  ')}`);
  for (const [k, v] of Object.entries(figures)) totals[k] = (totals[k] || 0) + v;
}
const pick = (k) => totals[k] || 0;
console.log(`  requests sent: ${pick('sent')}, acknowledged: ${pick('acknowledged')}, lost: ${pick('lost')}, duplicated: ${pick('duplicated')}`);
console.log(`  5xx under fuzz: ${pick('fuzz5xx')} (of ${pick('fuzzRequests')} fuzz requests), matrix cells checked: ${pick('matrixCells')}`);
console.log(`  object-level matrix cells checked: ${pick('objectMatrixCells')} (+ ${pick('objectReferenceProbes')} body/list reference probes), denials audit-logged: ${pick('objectDenialsAudited') + pick('objectReferenceDenialsAudited')} of ${pick('objectDenials') + pick('objectReferenceDenialsAudited')}`);
const bad = pick('lost') + pick('duplicated') + pick('fuzz5xx') + pick('object5xx') + (pick('objectDenials') - pick('objectDenialsAudited'));
process.exit(bad > 0 ? 1 : 0);
