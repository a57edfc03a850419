// One measurement in a fresh process, so that its time and peak RSS are of that work alone:
//   node scripts/bench/worker.mjs <job.json>
// The job is { mode: 'lint', cwd, options, runs: [{ name, kind?, targets }] } (one lint() call
// per run, each timed, with `options` and the run's kind) or { mode: 'parse', cwd, files } (read + yaml.parseDocument with a LineCounter per file).
// Prints one JSON line: { ms, perRun?, findings?, digest?, maxRssMB } — ms from after the imports.
// With `digest: true` in a lint job, digest is a SHA-256 of each run's findings and suppressed
// findings (to compare two ways of linting), its time left out of ms.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const job = JSON.parse(readFileSync(process.argv[2], 'utf8'));

if (job.mode === 'lint') {
  const { lint } = await import(pathToFileURL(path.join(root, 'dist/src/index.js')).href);
  const perRun = [];
  let findings = 0;
  const digest = job.digest ? createHash('sha256') : undefined;
  let hashing = 0;
  const started = performance.now();
  for (const run of job.runs) {
    const t = performance.now();
    const result = await lint(run.targets, { ...job.options, ...(run.kind ? { kind: run.kind } : {}) });
    perRun.push({ name: run.name, files: run.targets.length, ms: performance.now() - t, findings: result.findings.length });
    findings += result.findings.length;
    if (digest) {
      const hashed = performance.now();
      // One finding at a time: a string of the whole result would raise the peak RSS measured.
      for (const finding of result.findings) digest.update(JSON.stringify(finding));
      for (const suppressed of result.suppressed ?? []) digest.update(JSON.stringify(suppressed));
      hashing += performance.now() - hashed;
    }
  }
  const ms = performance.now() - started - hashing;
  console.log(JSON.stringify({ ms, perRun, findings, ...(digest ? { digest: digest.digest('hex') } : {}), maxRssMB: process.resourceUsage().maxRSS / 1024 }));
} else if (job.mode === 'parse') {
  const { LineCounter, parseDocument } = await import('yaml');
  const started = performance.now();
  let errors = 0;
  for (const file of job.files) {
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(path.resolve(job.cwd, file), 'utf8'), { lineCounter });
    errors += doc.errors.length;
  }
  const ms = performance.now() - started;
  console.log(JSON.stringify({ ms, errors, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
} else {
  throw new Error(`unknown mode ${job.mode}`);
}
