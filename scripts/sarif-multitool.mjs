#!/usr/bin/env node
// Validates a SARIF file with Microsoft's SARIF Multitool, with the GitHub (GH) and SARIF rule sets:
//
//   node scripts/sarif-multitool.mjs <file.sarif>
//
// The Multitool exits 0 even when it finds errors, so this script reads the results it writes, prints
// each one, and exits 1 when any is an error, or a warning that docs/sarif.md does not list as
// accepted (see ACCEPTED below). Exit 2: usage error, or the Multitool could not run.
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Warnings escashop-lint's SARIF raises on purpose, by rule and message id (spelt as the Multitool
 * spells it), with the reason. docs/sarif.md lists them under "Validation".
 */
const ACCEPTED = new Map([
  ['SARIF2005/Warning_ProvideToolnformationUri', 'the project has no public home page yet, and the SARIF names no URL it does not have'],
]);

/** The path of the platform's Multitool binary, made executable if the install left it without the bit. */
export function multitoolBinary() {
  const require = createRequire(import.meta.url);
  const pkg = `@microsoft/sarif-multitool-${process.platform}`;
  let dir;
  try {
    dir = path.dirname(require.resolve(pkg));
  } catch {
    throw new Error(`${pkg} is not installed (it comes with the devDependency @microsoft/sarif-multitool; run npm install)`);
  }
  const bin = path.join(dir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  if (!existsSync(bin)) throw new Error(`no Multitool binary at ${bin}`);
  if (process.platform !== 'win32') {
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      chmodSync(bin, 0o755);
    }
  }
  return bin;
}

/** Runs `validate` on a file and returns the Multitool's findings, each with its message text filled in. */
export function validateSarif(file) {
  const bin = multitoolBinary();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sarif-multitool-'));
  const out = path.join(dir, 'validation.sarif');
  try {
    // No shell: the `;` in "Gh;Sarif" must reach the tool as it is.
    const run = spawnSync(bin, ['validate', path.resolve(file), '--rule-kind', 'Gh;Sarif', '--output', out, '--log', 'ForceOverwrite', '--quiet'], {
      encoding: 'utf8',
      // Invariant globalization: the tool then runs on machines without libicu.
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    if (run.error) throw run.error;
    if (!existsSync(out)) throw new Error(`the Multitool wrote no output (exit ${run.status}):\n${run.stdout}${run.stderr}`);
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const runs = log.runs ?? [];
    const findings = runs.flatMap((r) => (r.results ?? []).map((result) => describe(result, r.tool?.driver?.rules ?? [])));
    const failures = runs.flatMap((r) => (r.invocations ?? []).filter((i) => i.executionSuccessful === false));
    if (failures.length > 0) {
      const notes = failures.flatMap((i) => i.toolExecutionNotifications ?? []).map((n) => n.message?.text ?? '');
      throw new Error(`the Multitool could not validate ${file}: ${notes.join('; ') || 'execution failed'}`);
    }
    return findings;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describe(result, rules) {
  const rule = typeof result.ruleIndex === 'number' ? rules[result.ruleIndex] : rules.find((r) => r.id === result.ruleId);
  const template = result.message?.text ?? rule?.messageStrings?.[result.message?.id]?.text ?? result.message?.id ?? '';
  const args = result.message?.arguments ?? [];
  const text = template.replace(/\{(\d+)\}/g, (m, i) => (args[Number(i)] ?? m));
  const region = result.locations?.[0]?.physicalLocation?.region;
  const level = result.level ?? rule?.defaultConfiguration?.level ?? 'warning';
  const key = `${result.ruleId}/${result.message?.id ?? ''}`;
  return { ruleId: result.ruleId, messageId: result.message?.id, level, line: region?.startLine, column: region?.startColumn, text, accepted: level === 'warning' && ACCEPTED.has(key) };
}

/** Whether the file passes: no errors, and no warnings other than the accepted ones. */
export function fails(finding) {
  return finding.level === 'error' || (finding.level === 'warning' && !finding.accepted);
}

function cli(argv) {
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    process.stderr.write('usage: node scripts/sarif-multitool.mjs <file.sarif>\n');
    return 2;
  }
  let findings;
  try {
    findings = validateSarif(argv[0]);
  } catch (error) {
    process.stderr.write(`sarif-multitool: ${error.message}\n`);
    return 2;
  }
  for (const f of findings) {
    const where = f.line === undefined ? '' : `(${f.line},${f.column ?? 1}) `;
    const tag = f.accepted ? ' [accepted, see docs/sarif.md]' : '';
    process.stdout.write(`${f.level} ${f.ruleId} ${where}${f.text}${tag}\n`);
  }
  const count = (level) => findings.filter((f) => f.level === level).length;
  const failing = findings.filter(fails).length;
  process.stdout.write(`${argv[0]}: ${count('error')} errors, ${count('warning')} warnings, ${count('note')} notes; ${failing === 0 ? 'valid' : `${failing} failing`}\n`);
  return failing === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = cli(process.argv.slice(2));
}
