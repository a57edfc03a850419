import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { describe, expect, it } from 'vitest';
import { projectVariables } from '../../src/model/env-file.js';
import { ProjectLoader } from '../../src/model/load.js';
import { get, isMap, keyText, type YNode } from '../../src/parse/tree.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { composeCommand, skipOracle, composeConfigCommand, composePython, runCompose129, type ComposeAnswer, type OracleJob } from './compose129.js';
import { DUPLICATE_KEYS, KNOWN_DIFFERENCES, skipReason, type KnownDifference } from './known-differences.js';
import { compareProjects, composeService, endsFileWithoutNewline, ourService, type Difference, type ProjectView } from './normalize.js';
import { corpusComposeFiles, isIncompleteError, pairProjects, singleProjects } from './projects.js';

/**
 * The oracle: for every project of the shared corpus that Debian's docker-compose 1.29 accepts, its
 * `config` and our effective model must agree on what rules read (docs/oracle.md). docker-compose is
 * installed by scripts/oracle-setup.sh (CI runs it); without it this test fails in CI and is skipped
 * elsewhere (`ORACLE_REQUIRED` in compose129.ts).
 */

const CORPUS = path.join(PACKAGE_ROOT, '..', 'shared', 'corpus');
/** Small projects written for the oracle: every interpolation form, merge rule and `extends` that 1.29 and the spec agree on. */
const PROBES = path.join(import.meta.dirname, 'probes');

/** Each probe folder is a project: `compose.yaml`, then `compose.override.yaml` when there is one. */
function probeJobs(): OracleJob[] {
  return readdirSync(PROBES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = path.join(PROBES, d.name);
      const files = ['compose.yaml', 'compose.override.yaml'].map((f) => path.join(dir, f)).filter((f) => existsSync(f));
      return { id: `probe ${d.name}`, files, projectDir: dir };
    });
}

/** Our effective model of a project, in the compared shape. */
function ourView(job: OracleJob, cwd: string): { view?: ProjectView; error?: string; duplicateKeys?: boolean } {
  const loader = new ProjectLoader({ cwd });
  let result;
  try {
    result = loader.load({ files: job.files, projectDir: job.projectDir }, 'prod');
  } catch (error) {
    return { error: `the loader threw: ${(error as Error).stack ?? String(error)}` };
  }
  if (!result.project) return { error: 'the loader built no project' };
  const envFile = path.join(job.projectDir, '.env');
  const { variables } = projectVariables({ envFiles: existsSync(envFile) ? [envFile] : [], useProcessEnv: false }, loader);
  const context = { projectDir: job.projectDir, files: job.files, cwd, home: os.homedir(), variables, endsFile: (node: YNode) => endsFileWithoutNewline(node, cwd) };
  const view: ProjectView = {};
  const services = get(result.project.root, 'services');
  if (isMap(services)) for (const { key, value } of services.entries) view[keyText(key)] = ourService(value, context);
  return { view, duplicateKeys: result.findings.some((f) => f.ruleId === 'core/yaml' && f.message.startsWith('duplicate key')) };
}

function theirView(answer: Extract<ComposeAnswer, { ok: true }>): ProjectView {
  return Object.fromEntries(Object.entries(answer.services).map(([name, s]) => [name, composeService(s)]));
}

function knownAs(job: OracleJob, d: Difference): KnownDifference | undefined {
  return KNOWN_DIFFERENCES.find((k) => k.project.test(job.id) && (k.service === undefined || k.service === d.service) && k.field === d.field);
}

/** The whole result, mismatches included, for reading after a failure: node_modules/.cache/escashop-oracle/report.txt. */
function writeReport(text: string): void {
  const dir = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'escashop-oracle');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'report.txt'), `${text}\n`);
  } catch {
    // Read-only checkout: the test's own output still lists the mismatches.
  }
}

function show(value: unknown): string {
  return JSON.stringify(value);
}

describe.skipIf(skipOracle())('the oracle: docker-compose 1.29 `config` on the shared corpus', () => {
  const command = composeCommand();

  it('has docker-compose installed (scripts/oracle-setup.sh installs it)', () => {
    expect(command, 'docker-compose is not on PATH: run scripts/oracle-setup.sh (apt-get install docker-compose)').toBeDefined();
  });

  it('agrees with our effective model on every project 1.29 accepts', { timeout: 180_000 }, async () => {
    if (!command) throw new Error('docker-compose is not installed: run scripts/oracle-setup.sh');
    const python = composePython(command);
    const files = corpusComposeFiles(CORPUS);
    expect(files.length).toBeGreaterThan(1000);

    const started = performance.now();
    const singles = singleProjects(CORPUS, files);
    const singleAnswers = await runCompose129(python, singles);
    const incomplete = new Set(
      singles.filter((j) => {
        const a = singleAnswers.get(j.id)!;
        return !a.ok && isIncompleteError(a.error);
      }).map((j) => path.relative(CORPUS, j.files[0]!)),
    );
    const pairs = pairProjects(CORPUS, files, incomplete);
    const pairAnswers = await runCompose129(python, pairs);
    const jobs = [...singles, ...pairs];
    const answers = new Map([...singleAnswers, ...pairAnswers]);

    const composeMs = performance.now() - started;
    const skipped = new Map<string, number>();
    const mismatches: string[] = [];
    const known = new Map<KnownDifference, number>();
    let compared = 0;
    let comparedPairs = 0;
    let comparedServices = 0;
    let withVariables = 0;
    let withExtends = 0;
    /** How many compared services have each field: what the comparison covers. */
    const fields = new Map<string, number>();
    for (const job of jobs) {
      const answer = answers.get(job.id)!;
      const texts = job.files.map((f) => readFileSync(f, 'utf8'));
      const reason = skipReason(answer, texts);
      if (reason) {
        skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
        continue;
      }
      if (!answer.ok) throw new Error('unreachable: a rejected project has a skip reason');
      const ours = ourView(job, CORPUS);
      if (!ours.view) {
        mismatches.push(`${job.id}: ${ours.error}`);
        continue;
      }
      if (ours.duplicateKeys) {
        skipped.set(DUPLICATE_KEYS, (skipped.get(DUPLICATE_KEYS) ?? 0) + 1);
        continue;
      }
      compared++;
      if (job.files.length > 1) comparedPairs++;
      if (texts.some((t) => /\$\{?\w/.test(t))) withVariables++;
      if (texts.some((t) => /^\s+extends:/m.test(t))) withExtends++;
      const theirs = theirView(answer);
      comparedServices += Object.keys(theirs).length;
      for (const service of Object.values(theirs)) for (const field of Object.keys(service)) fields.set(field, (fields.get(field) ?? 0) + 1);
      for (const d of compareProjects(ours.view, theirs)) {
        const k = knownAs(job, d);
        if (k) known.set(k, (known.get(k) ?? 0) + 1);
        else mismatches.push(`${job.id}: service "${d.service}" ${d.field}: ours ${show(d.ours)}, docker-compose 1.29 ${show(d.theirs)}`);
      }
    }

    const oursMs = performance.now() - started - composeMs;
    const lines = [
      `oracle: ${jobs.length} projects (${singles.length} single files, ${pairs.length} base + override pairs)`,
      `  compared: ${compared} projects (${comparedPairs} pairs, ${withVariables} with variables, ${withExtends} with extends), ${comparedServices} services`,
      `  fields compared (services having each): ${[...fields].sort((a, b) => b[1] - a[1]).map(([f, n]) => `${f} ${n}`).join(', ')}`,
      `  skipped: ${[...skipped.values()].reduce((a, b) => a + b, 0)}`,
      ...[...skipped].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `    ${n} ${reason}`),
      `  known differences: ${[...known.values()].reduce((a, b) => a + b, 0)}`,
      ...[...known].map(([k, n]) => `    ${n} ${k.project.source} ${k.field}: ${k.reason}`),
      `  mismatches: ${mismatches.length}`,
      `  time: docker-compose ${(composeMs / 1000).toFixed(1)} s, our loader and the comparison ${(oursMs / 1000).toFixed(1)} s`,
    ];
    console.log(lines.join('\n'));
    writeReport([...lines, '', ...mismatches].join('\n'));
    expect(compared).toBeGreaterThan(600);
    expect(comparedPairs).toBeGreaterThan(20);
    expect(mismatches).toEqual([]);
    // Every documented exception is still needed: a fixed difference leaves the list.
    expect(KNOWN_DIFFERENCES.filter((k) => !known.has(k)).map((k) => `${k.project.source} ${k.field}`)).toEqual([]);
  });

  it('agrees with our effective model on the probes, field by field', { timeout: 60_000 }, async () => {
    if (!command) throw new Error('docker-compose is not installed: run scripts/oracle-setup.sh');
    const jobs = probeJobs();
    expect(jobs.map((j) => j.id).sort()).toEqual(
      ['env-file', 'extends', 'extends-order', 'interpolation', 'merge', 'merge-edges', 'ports'].map((p) => `probe ${p}`),
    );
    const answers = await runCompose129(composePython(command), jobs);
    const problems: string[] = [];
    for (const job of jobs) {
      const answer = answers.get(job.id)!;
      if (!answer.ok) {
        problems.push(`${job.id}: docker-compose 1.29 rejects it: ${answer.error}`);
        continue;
      }
      const ours = ourView(job, PROBES);
      if (!ours.view) {
        problems.push(`${job.id}: ${ours.error}`);
        continue;
      }
      const theirs = theirView(answer);
      expect(Object.keys(theirs).length, job.id).toBeGreaterThan(0);
      for (const d of compareProjects(ours.view, theirs)) problems.push(`${job.id}: service "${d.service}" ${d.field}: ours ${show(d.ours)}, docker-compose 1.29 ${show(d.theirs)}`);
    }
    expect(problems).toEqual([]);
  });

  it('runs the same loading code as the real `docker-compose config` command', { timeout: 60_000 }, async () => {
    if (!command) throw new Error('docker-compose is not installed: run scripts/oracle-setup.sh');
    const python = composePython(command);
    // Projects the driver's two changes (no build-path check, env_file not read) cannot touch, and
    // without `$` (the command also sees PATH and HOME as variables).
    const candidates = singleProjects(CORPUS, corpusComposeFiles(CORPUS)).filter((job) => {
      const t = readFileSync(job.files[0]!, 'utf8');
      return !/\b(?:build|env_file)\s*:|\$/.test(t);
    });
    const sample = candidates.filter((_, i) => i % Math.ceil(candidates.length / 6) === 0).map((job) => ({ ...job, yaml: true }));
    const answers = await runCompose129(python, sample);
    const accepted = sample.filter((job) => answers.get(job.id)?.ok);
    expect(accepted.length).toBeGreaterThanOrEqual(4);
    const runs = await Promise.all(accepted.map((job) => composeConfigCommand(command, job)));
    accepted.forEach((job, i) => {
      const answer = answers.get(job.id) as Extract<ComposeAnswer, { ok: true }>;
      expect(runs[i]!.code, `${job.id}: ${runs[i]!.stderr}`).toBe(0);
      // The command prints the YAML and a newline.
      expect(runs[i]!.stdout, job.id).toBe(`${answer.yaml}\n`);
      // And the YAML the command prints is what the driver hands the comparison.
      expect(Object.keys(parseYamlText(runs[i]!.stdout).services ?? {}).sort(), job.id).toEqual(Object.keys(answer.services).sort());
    });
  });
});
