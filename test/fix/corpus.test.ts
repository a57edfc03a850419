import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusComposeFiles, CORPUS } from './corpus-files.js';
import { get, isMap, isSeq, keyText, toJS, type YMap, type YNode } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { applyFixes } from '../../src/fix/apply.js';
import { ensureListItem, portsToExpose } from '../../src/fix/compose.js';
import { FixSources } from '../../src/fix/sources.js';
import { isRefused, type EditResult, type Fix } from '../../src/fix/types.js';
import { ensureMapEntry, removeMapEntry } from '../../src/fix/yaml.js';
import { source } from './helpers.js';

/**
 * The edit builders over every well-formed compose file of the shared corpus: the hardening fixes of
 * issue 10 (cap_drop ALL, no-new-privileges, read_only, a restart policy, ports to expose, no
 * `version:`) applied together to each service give a file that parses with no new error, whose
 * document equals the original but for the fixed keys, and a second run changes nothing.
 */

/** Keys the fixes set on a service. */
const FIXED = ['read_only', 'cap_drop', 'security_opt', 'restart', 'ports', 'expose'];

function servicesOf(root: YNode | undefined): [string, YMap][] {
  const services = get(root, 'services');
  if (!isMap(services)) return [];
  return services.entries.filter((entry) => isMap(entry.value)).map((entry) => [keyText(entry.key), entry.value as YMap]);
}

/** The fixes for a file: each one a fix, as rules will report them; refusals counted. */
function fixesFor(root: YNode, sources: FixSources, refusals: string[]): Fix[] {
  const results: [string, EditResult | undefined][] = [];
  if (isMap(root)) results.push(['version', removeMapEntry(root, 'version', sources)]);
  for (const [name, service] of servicesOf(root)) {
    const readOnly = get(service, 'read_only');
    const restart = get(service, 'restart');
    const ports = service.index.get('ports');
    results.push(
      [`${name} read_only`, readOnly === undefined || readOnly.kind === 'scalar' ? ensureMapEntry(service, 'read_only', true, sources) : undefined],
      [`${name} cap_drop`, isSeq(get(service, 'cap_drop')) || !service.index.has('cap_drop') ? ensureListItem(service, 'cap_drop', 'ALL', sources) : undefined],
      [`${name} security_opt`, isSeq(get(service, 'security_opt')) || !service.index.has('security_opt') ? ensureListItem(service, 'security_opt', 'no-new-privileges:true', sources) : undefined],
      [`${name} restart`, restart === undefined || restart.kind === 'scalar' ? ensureMapEntry(service, 'restart', 'unless-stopped', sources) : undefined],
      [`${name} ports`, ports ? portsToExpose(ports, service.index.get('expose'), sources) : undefined],
    );
  }
  const fixes: Fix[] = [];
  for (const [description, result] of results) {
    if (!result) continue;
    if (isRefused(result)) refusals.push(`${description}: ${result.refused}`);
    else fixes.push({ description, edits: result.edits, kind: 'fix' });
  }
  return fixes;
}

/** The document without what the fixes change: `version`, the fixed keys of services, and `x-*` templates (anchors fixes edit). */
function unfixed(root: YNode | undefined): unknown {
  const js = (root ? toJS(root) : undefined) as Record<string, unknown> | undefined;
  if (!js || typeof js !== 'object') return js;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(js)) {
    if (key === 'version' || key.startsWith('x-')) continue;
    out[key] = value;
  }
  const services = out.services as Record<string, Record<string, unknown>> | undefined;
  if (services && typeof services === 'object') {
    out.services = Object.fromEntries(
      Object.entries(services).map(([name, service]) => [
        name,
        service && typeof service === 'object' ? Object.fromEntries(Object.entries(service).filter(([key]) => !FIXED.includes(key))) : service,
      ]),
    );
  }
  return out;
}


describe('fixes over the corpus', () => {
  it('leave every compose file readable, equal but for the fixed keys, and are done in one run', () => {
    const problems: string[] = [];
    const refusals: string[] = [];
    let changed = 0;
    for (const name of corpusComposeFiles()) {
      const file = source(readFileSync(path.join(CORPUS, name), 'utf8'), name);
      const parsed = parseYaml(file);
      if (!parsed.root || parsed.findings.some((f) => f.severity === 'error')) continue;
      const fixes = fixesFor(parsed.root, FixSources.of(file), refusals);
      const result = applyFixes(new Map([[file.absPath, file.text]]), fixes);
      for (const u of result.unsafe) problems.push(`${name}: unsafe ${u.fix.description}: ${u.why}`);
      for (const c of result.conflicts) problems.push(`${name}: conflict ${c.fixes[0].description} / ${c.fixes[1].description}: ${c.why}`);
      const text = result.texts.get(file.absPath)!;
      if (text === file.text) continue;
      changed++;
      const after = parseYaml(source(text, name));
      expect(unfixed(after.root), name).toEqual(unfixed(parsed.root));
      for (const [service, node] of servicesOf(after.root)) {
        const fixed = (key: string) => result.applied.some((fix) => fix.description === `${service} ${key}` && fix.edits.length > 0);
        const js = toJS(node) as Record<string, unknown>;
        if (fixed('read_only')) expect(js.read_only, `${name} ${service}`).toBe(true);
        if (fixed('cap_drop')) expect(js.cap_drop, `${name} ${service}`).toContain('ALL');
        if (fixed('security_opt')) expect(js.security_opt, `${name} ${service}`).toContain('no-new-privileges:true');
        if (fixed('restart')) expect(js.restart, `${name} ${service}`).toBe('unless-stopped');
        if (fixed('ports')) expect(js.ports, `${name} ${service}`).toBeUndefined();
      }
      // A second run: the same fixes made on the result change nothing.
      const again = source(text, name);
      const second = applyFixes(new Map([[again.absPath, text]]), fixesFor(after.root!, FixSources.of(again), []));
      if (second.texts.get(again.absPath) !== text) problems.push(`${name}: a second run changes it`);
    }
    expect(problems).toEqual([]);
    expect(changed).toBeGreaterThan(1000);
    // What is refused is a value written with a variable, or a list item whose only key cannot go.
    expect(refusals.filter((r) => !/comes from a variable|uses variables|has no container port/.test(r))).toEqual([]);
  });
});
