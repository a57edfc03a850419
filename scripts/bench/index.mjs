// `npm run bench`: how fast the built linter (dist/) is, next to DCLint and the YAML parse floor,
// with the issue's targets beside every figure. scripts/bench/README.md explains each figure.
//
//   node scripts/bench/index.mjs [--quick] [--no-write]
//
// --quick   one run of each measurement, 5 cold starts (and cached re-runs), no 10,000-service project, no DCLint
// --no-write  print only; leave bench-results/ alone
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { distIsFresh } from '../build-freshness.mjs';
import { CORPUS, composeFiles, configFiles, manifestBytes } from './corpus.mjs';
import { corpusLintOptions } from '../corpus-report.mjs';
import { writeProject } from './generate.mjs';
import { deltas, fmt, marginalPerService, median, table, targetRows } from './helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write');
const RUNS = quick ? 1 : 3;
const COLD_RUNS = quick ? 5 : 11;
const SIZES = quick ? [10, 100, 1000] : [10, 100, 1000, 10000];
const DCLINT_VERSION = '3.1.0';
const DCLINT_DIR = path.join(root, '.bench', `dclint-${DCLINT_VERSION}`);
const SMALL_FILE = 'rules/compose/no-debug-ports/fixtures/valid/docker-compose.prod.yml';
const CACHE_CORPUS_FILES = 200;
const CONCURRENCY_RUNS = quick ? 1 : 5;
const WORKER = path.join(root, 'scripts/bench/worker.mjs');
const RESULTS = path.join(root, 'bench-results');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'escashop-bench-'));
const log = (line = '') => console.log(line);

/** Runs a command, returning its wall time in ms and its result; throws on a spawn failure only. */
function timed(command, args, options = {}) {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const ms = performance.now() - started;
  if (result.error) throw result.error;
  return { ms, result };
}

let jobs = 0;
/** One job of worker.mjs in a fresh node process: its JSON line. */
function work(job) {
  const file = path.join(tmp, `job-${jobs++}.json`);
  writeFileSync(file, JSON.stringify(job));
  const { result } = timed(process.execPath, [WORKER, file], { timeout: 30 * 60_000 });
  if (result.status !== 0) throw new Error(`bench worker failed (${result.status ?? result.signal}): ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

function ensureBuilt() {
  if (distIsFresh(root)) return;
  log('dist/ is older than its sources: npm run build');
  const { result } = timed('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

// 1 + 2. The corpus, every kind, in one lint per kind; and the parse-only floor over its compose files.
function corpusAndFloor() {
  const compose = composeFiles();
  const configs = configFiles();
  const runs = [{ name: 'compose', targets: compose }, ...Object.entries(configs).map(([kind, targets]) => ({ name: kind, kind, targets }))];
  const sizes = manifestBytes();
  const bytes = runs.flatMap((r) => r.targets).reduce((sum, f) => sum + (sizes.get(f) ?? 0), 0);
  const composeBytes = compose.reduce((sum, f) => sum + (sizes.get(f) ?? 0), 0);
  const lints = [];
  const parses = [];
  for (let i = 0; i < RUNS; i++) {
    // interleaved, so that a busy moment of the shared machine falls on both
    lints.push(work({ mode: 'lint', options: corpusLintOptions(CORPUS), runs }));
    parses.push(work({ mode: 'parse', cwd: CORPUS, files: compose }));
  }
  const files = runs.reduce((n, r) => n + r.targets.length, 0);
  const ms = median(lints.map((l) => l.ms));
  const composeMs = median(lints.map((l) => l.perRun.find((r) => r.name === 'compose').ms));
  const parseMs = median(parses.map((p) => p.ms));
  const byKind = Object.fromEntries(runs.map((r) => [r.name, { files: r.targets.length, ms: median(lints.map((l) => l.perRun.find((x) => x.name === r.name).ms)) }]));
  return {
    compose,
    corpus: { files, bytes, ms, filesPerSec: files / (ms / 1000), mbPerSec: bytes / 1e6 / (ms / 1000), msPerFile: ms / files, peakRssMB: Math.max(...lints.map((l) => l.maxRssMB)), findings: lints[0].findings, byKind },
    floor: { files: compose.length, bytes: composeBytes, lintMs: composeMs, parseMs, overheadRatio: composeMs / parseMs, parsePeakRssMB: Math.max(...parses.map((p) => p.maxRssMB)) },
  };
}

/** DCLint's command, installing it under .bench/ the first time; or why it cannot run. */
function dclintBin() {
  const bin = path.join(DCLINT_DIR, 'node_modules', 'dclint', 'bin', 'dclint.cjs');
  if (existsSync(bin)) return { bin };
  log(`installing dclint@${DCLINT_VERSION} into ${path.relative(root, DCLINT_DIR)}`);
  const { result } = timed('npm', ['install', '--prefix', DCLINT_DIR, `dclint@${DCLINT_VERSION}`, '--no-audit', '--no-fund', '--no-save'], { timeout: 5 * 60_000 });
  if (result.status !== 0 || !existsSync(bin)) return { skipped: `npm install dclint@${DCLINT_VERSION} failed: ${(result.stderr || '').trim().split('\n').pop()}` };
  return { bin };
}

// 3. DCLint and our CLI, each once as a user runs them, over the corpus's compose files, JSON reports to a file.
function dclint(compose) {
  const found = dclintBin();
  if (found.skipped) return { skipped: found.skipped };
  const theirsOut = path.join(tmp, 'dclint.json');
  const oursOut = path.join(tmp, 'ours.json');
  const theirs = timed(process.execPath, [found.bin, ...compose, '-f', 'json', '-o', theirsOut, '--color', 'false'], { cwd: CORPUS, timeout: 20 * 60_000 });
  if (!existsSync(theirsOut) || statSync(theirsOut).size === 0) {
    return { skipped: `dclint wrote no report (exit ${theirs.result.status ?? theirs.result.signal}): ${theirs.result.stderr.trim().split('\n').slice(-2).join(' | ')}` };
  }
  const ours = timed(process.execPath, [path.join(root, 'bin/escashop-lint.js'), '--no-config', '--format', 'json', '-o', oursOut, ...compose], { cwd: CORPUS, timeout: 20 * 60_000 });
  if (!existsSync(oursOut)) throw new Error(`escashop-lint wrote no report (exit ${ours.result.status}): ${ours.result.stderr.trim()}`);
  return { files: compose.length, dclintMs: theirs.ms, oursMs: ours.ms, oursOverDclint: ours.ms / theirs.ms, dclintExit: theirs.result.status, oursExit: ours.result.status };
}

// 4. One small file, cold: the CLI against `node -e 0`, interleaved.
function coldStart() {
  const file = path.join(root, SMALL_FILE);
  const cli = [];
  const node = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    cli.push(timed(process.execPath, [path.join(root, 'bin/escashop-lint.js'), '--no-config', file], { cwd: root }).ms);
    node.push(timed(process.execPath, ['-e', '0']).ms);
  }
  const cliMs = median(cli);
  const nodeMs = median(node);
  return { file: SMALL_FILE, runs: COLD_RUNS, cliMs, nodeMs, ratio: cliMs / nodeMs };
}

// 6. --cache: a re-run on unchanged files (a hit) next to the CLI's own startup (`--version`), the
// cold run without the cache and `node -e 0`, interleaved; then a run over the corpus's first 200
// compose files, without the cache and served from it. Each hit is checked to be one, and to print
// what the run without the cache printed.
function cacheRuns(compose) {
  const bin = path.join(root, 'bin/escashop-lint.js');
  const cli = (args, cwd = root, env = process.env) => timed(process.execPath, [bin, ...args], { cwd, env });
  const expectHit = (args, cwd, plain) => {
    const { result } = cli(args, cwd, { ...process.env, ESCASHOP_DEBUG: '1' });
    if (!/^escashop-lint: cache hit: /m.test(result.stderr)) throw new Error(`--cache: no hit on an unchanged re-run: ${result.stderr.trim()}`);
    if (result.stdout !== plain) throw new Error('--cache: a cached run printed another report than the run without the cache');
  };
  const small = ['--no-config', '--format', 'json', path.join(root, SMALL_FILE)];
  const cached = ['--cache', '--cache-location', path.join(tmp, 'cache-small/'), ...small];
  cli(cached);
  expectHit(cached, root, cli(small).result.stdout);
  const node = [];
  const startup = [];
  const cold = [];
  const hit = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    node.push(timed(process.execPath, ['-e', '0']).ms);
    startup.push(cli(['--version']).ms);
    cold.push(cli(small).ms);
    hit.push(cli(cached).ms);
  }
  const files = compose.slice(0, CACHE_CORPUS_FILES);
  const corpusArgs = ['--no-config', '--format', 'json', ...files];
  const corpusCached = ['--cache', '--cache-location', path.join(tmp, 'cache-corpus/'), ...corpusArgs];
  const plain = cli(corpusArgs, CORPUS).result.stdout;
  cli(corpusCached, CORPUS);
  expectHit(corpusCached, CORPUS, plain);
  const corpusCold = [];
  const corpusHit = [];
  for (let i = 0; i < RUNS; i++) {
    corpusCold.push(cli(corpusArgs, CORPUS).ms);
    corpusHit.push(cli(corpusCached, CORPUS).ms);
  }
  const [nodeMs, startupMs, coldMs, hitMs] = [node, startup, cold, hit].map(median);
  const [corpusColdMs, corpusHitMs] = [corpusCold, corpusHit].map(median);
  return { runs: COLD_RUNS, nodeMs, startupMs, coldMs, hitMs, hitOverStartup: hitMs / startupMs, hitOverNode: hitMs / nodeMs, corpusFiles: files.length, corpusColdMs, corpusHitMs, corpusHitOverStartup: corpusHitMs / startupMs };
}

// 7. Threads (`concurrency`): the corpus's compose files in two threads next to one, interleaved
// (which goes first alternates), each in a fresh process; the load average before and after, the
// machine being shared. Both must find the same. Also how many threads 'auto' takes here.
async function concurrencyRuns(compose, floor) {
  const { threadCount, unitsOf } = await import(pathToFileURL(path.join(root, 'dist/src/parallel/plan.js')).href);
  const autoThreads = threadCount('auto', unitsOf(compose, CORPUS), os.availableParallelism());
  const job = (concurrency) => ({ mode: 'lint', digest: true, options: { ...corpusLintOptions(CORPUS), concurrency }, runs: [{ name: 'compose', targets: compose }] });
  const load1Before = os.loadavg()[0];
  const serial = [];
  const two = [];
  for (let i = 0; i < CONCURRENCY_RUNS; i++) {
    for (const list of i % 2 === 0 ? [serial, two] : [two, serial]) list.push(work(job(list === serial ? 'off' : 2)));
  }
  const load1After = os.loadavg()[0];
  if (new Set([...serial, ...two].map((r) => r.digest)).size !== 1) throw new Error('two threads found other findings than one');
  const [serialMs, twoMs] = [serial, two].map((runs) => median(runs.map((r) => r.ms)));
  const peak = (runs) => Math.max(...runs.map((r) => r.maxRssMB));
  return {
    files: compose.length,
    runs: CONCURRENCY_RUNS,
    cores: os.availableParallelism(),
    autoThreads,
    serialMs,
    twoMs,
    speedup: serialMs / twoMs,
    serialOverFloor: serialMs / floor.parseMs,
    twoOverFloor: twoMs / floor.parseMs,
    serialPeakRssMB: peak(serial),
    twoPeakRssMB: peak(two),
    load1Before,
    load1After,
  };
}

// 5. Generated projects of growing size: lint time per service.
function scaling() {
  const sizes = {};
  for (const services of SIZES) {
    const dir = path.join(tmp, `project-${services}`);
    writeProject(dir, services);
    const runs = services >= 10000 ? 1 : RUNS;
    const results = Array.from({ length: runs }, () => work({ mode: 'lint', options: { cwd: dir, useConfig: false, useProcessEnv: false }, runs: [{ name: 'project', targets: ['compose.yaml'] }] }));
    const ms = median(results.map((r) => r.ms));
    sizes[services] = { files: services + 1, ms, msPerService: ms / services, peakRssMB: Math.max(...results.map((r) => r.maxRssMB)), findings: results[0].findings };
    log(`  ${String(services).padStart(6)} services: ${fmt(ms)} ms, ${fmt(ms / services)} ms/service, ${fmt(sizes[services].peakRssMB)} MB RSS`);
    rmSync(dir, { recursive: true, force: true });
  }
  const over = (a, b) => (sizes[a] && sizes[b] ? sizes[b].msPerService / sizes[a].msPerService : undefined);
  // The target: what one more service costs from 1,000 to 10,000 against from 100 to 1,000. Plain
  // ms/service (no target) is printed too; at 100 services the run's fixed costs make most of it.
  const marginal100to1000 = marginalPerService(sizes, 100, 1000);
  const marginal1000to10000 = marginalPerService(sizes, 1000, 10000);
  const marginalRatio = marginal100to1000 && marginal1000to10000 ? marginal1000to10000 / marginal100to1000 : undefined;
  log(`  ms per added service: 100→1,000 ${fmt(marginal100to1000)}, 1,000→10,000 ${fmt(marginal1000to10000)}: ${fmt(marginalRatio)}x`);
  return { sizes, ratio100to10000: over(100, 10000), ratio1000to10000: over(1000, 10000), marginal100to1000, marginal1000to10000, marginalRatio };
}

/** The figures as one flat record: what the targets check and what a later run is compared with. */
function flatten(results) {
  const figures = {};
  const add = (prefix, record) => {
    for (const [key, value] of Object.entries(record ?? {})) if (typeof value === 'number') figures[`${prefix}.${key}`] = value;
  };
  add('corpus', results.corpus);
  for (const [kind, r] of Object.entries(results.corpus.byKind)) figures[`corpus.${kind}.ms`] = r.ms;
  add('floor', results.floor);
  add('corpus', results.dclint && { oursOverDclint: results.dclint.oursOverDclint, dclintMs: results.dclint.dclintMs, oursCliMs: results.dclint.oursMs });
  add('cold', results.cold);
  add('cache', results.cache);
  add('concurrency', results.concurrency);
  for (const [n, r] of Object.entries(results.scaling.sizes)) figures[`scaling.${n}.msPerService`] = r.msPerService;
  figures['scaling.ratio100to10000'] = results.scaling.ratio100to10000;
  figures['scaling.ratio1000to10000'] = results.scaling.ratio1000to10000;
  for (const key of ['marginal100to1000', 'marginal1000to10000', 'marginalRatio']) figures[`scaling.${key}`] = results.scaling[key];
  return figures;
}

async function main() {
  ensureBuilt();
  log(`escashop-lint bench${quick ? ' (--quick)' : ''}: node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  log();
  log(`1-2. shared corpus, ${RUNS} run(s) each, interleaved (median; peak RSS the highest)`);
  const { compose, corpus, floor } = corpusAndFloor();
  log(`  lint, every kind: ${corpus.files} files, ${fmt(corpus.bytes / 1e6)} MB in ${fmt(corpus.ms)} ms: ${fmt(corpus.filesPerSec)} files/s, ${fmt(corpus.mbPerSec)} MB/s, ${fmt(corpus.msPerFile)} ms/file, peak RSS ${fmt(corpus.peakRssMB)} MB, ${corpus.findings} findings`);
  log(`  by kind: ${Object.entries(corpus.byKind).map(([k, r]) => `${k} ${r.files} files ${fmt(r.ms)} ms`).join('; ')}`);
  log(`  compose files: lint ${fmt(floor.lintMs)} ms vs parse-only floor (read + yaml.parseDocument + LineCounter) ${fmt(floor.parseMs)} ms: overhead ${fmt(floor.overheadRatio)}x`);
  log();
  let dclintResult;
  if (quick) {
    dclintResult = { skipped: '--quick' };
  } else {
    log(`3. DCLint ${DCLINT_VERSION} vs our CLI, ${compose.length} compose files each, one run, JSON report to a file`);
    dclintResult = dclint(compose);
  }
  if (dclintResult.skipped) log(`3. DCLint skipped: ${dclintResult.skipped}`);
  else log(`  dclint ${fmt(dclintResult.dclintMs)} ms, escashop-lint ${fmt(dclintResult.oursMs)} ms: ours/theirs ${fmt(dclintResult.oursOverDclint)} (${fmt(1 / dclintResult.oursOverDclint)}x faster)`);
  log();
  log(`4. one small file cold (${SMALL_FILE}), median of ${COLD_RUNS} interleaved runs`);
  const cold = coldStart();
  log(`  escashop-lint ${fmt(cold.cliMs)} ms, node -e 0 ${fmt(cold.nodeMs)} ms: ${fmt(cold.ratio)}x`);
  log();
  log(`5. scaling: generated projects, one service per included file (${SIZES.join(', ')} services)`);
  const scale = scaling();
  log(`  ms/service at 10,000 over at 100: ${fmt(scale.ratio100to10000)}; over at 1,000 (no target): ${fmt(scale.ratio1000to10000)}`);
  log();
  log(`6. --cache: a cached re-run of the small file, median of ${COLD_RUNS} interleaved runs; then ${CACHE_CORPUS_FILES} corpus compose files, ${RUNS} run(s)`);
  const cache = cacheRuns(compose);
  log(`  node -e 0 ${fmt(cache.nodeMs)} ms, escashop-lint --version ${fmt(cache.startupMs)} ms, small file cold ${fmt(cache.coldMs)} ms, cached ${fmt(cache.hitMs)} ms: ${fmt(cache.hitOverStartup)}x the CLI's startup, ${fmt(cache.hitOverNode)}x node -e 0`);
  log(`  ${cache.corpusFiles} corpus files: without the cache ${fmt(cache.corpusColdMs)} ms, cached ${fmt(cache.corpusHitMs)} ms (${fmt(cache.corpusColdMs / cache.corpusHitMs)}x faster; ${fmt(cache.corpusHitOverStartup)}x the CLI's startup)`);
  log();
  log(`7. concurrency: ${compose.length} corpus compose files in two threads and in one, ${CONCURRENCY_RUNS} run(s) each, interleaved`);
  const threads = await concurrencyRuns(compose, floor);
  log(`  one thread ${fmt(threads.serialMs)} ms (${fmt(threads.serialOverFloor)}x the parse floor, peak RSS ${fmt(threads.serialPeakRssMB)} MB); two ${fmt(threads.twoMs)} ms (${fmt(threads.twoOverFloor)}x, peak RSS ${fmt(threads.twoPeakRssMB)} MB): ${fmt(threads.speedup)}x; load ${fmt(threads.load1Before)} before, ${fmt(threads.load1After)} after; auto takes ${threads.autoThreads} thread(s) on ${threads.cores} cores`);
  log();
  const results = { corpus, floor, dclint: dclintResult.skipped ? undefined : dclintResult, cold, scaling: scale, cache, concurrency: threads };
  const figures = flatten(results);
  log('8. targets');
  log(table(targetRows(figures)));
  const record = {
    date: new Date().toISOString(),
    quick,
    machine: { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: os.totalmem() / 2 ** 30, loadavg: os.loadavg() },
    dclintSkipped: dclintResult.skipped,
    figures,
    results,
  };
  const latest = path.join(RESULTS, 'latest.json');
  if (existsSync(latest)) {
    const previous = JSON.parse(readFileSync(latest, 'utf8'));
    const rows = deltas(previous.figures ?? {}, figures);
    log();
    log(`since the previous run (${previous.date}${previous.quick ? ', --quick' : ''}):`);
    log(rows.length ? table([['figure', 'previous', 'now', 'change'], ...rows]) : '  no figure in common');
  }
  if (write) {
    mkdirSync(RESULTS, { recursive: true });
    if (existsSync(latest)) copyFileSync(latest, path.join(RESULTS, 'previous.json'));
    writeFileSync(latest, `${JSON.stringify(record, null, 2)}\n`);
    log();
    log(`wrote ${path.relative(process.cwd(), latest)}`);
  }
}

try {
  await main();
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
