import { describe, expect, it } from 'vitest';
import ingressOnly from '../../rules/compose/ingress-only-ports/index.js';
import noDebugPorts from '../../rules/compose/no-debug-ports/index.js';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { metaBlock } from '../../src/report/rule-docs.js';
import { formatExplain, jsonRule } from '../../src/report/rule-list.js';
import { ruleDescriptor } from '../../src/report/sarif.js';

/** A rule's options reach every place its metadata goes: the README block, --explain, --list-rules JSON and SARIF. */
describe('rule options in the metadata outputs', () => {
  it('the README metadata block has a row per option, with type, default and description', () => {
    expect(metaBlock(noDebugPorts.meta).split('\n').slice(-4)).toEqual([
      '| Option | Type | Default | Description |',
      '|---|---|---|---|',
      '| `extraPorts` | integer[] | `[]` | More container ports that only a debugger of the team listens on, reported like the built-in ones. |',
      '| `ignorePorts` | integer[] | `[]` | Built-in debugger ports that an application of the team serves on instead (e.g. 5005), not reported. |',
    ]);
    expect(metaBlock(ingressOnly.meta)).not.toContain('| Option |');
  });

  it('--explain shows the options table and the Options section', () => {
    const text = formatExplain(noDebugPorts.meta, PACKAGE_ROOT, false)!;
    expect(text).toContain('| `extraPorts` | integer[] | `[]` |');
    expect(text).toContain('\n## Options\n');
  });

  it('--list-rules --format json carries the schema and defaults, and only for a rule with options', () => {
    expect(jsonRule(noDebugPorts.meta, false).options).toEqual({ schema: noDebugPorts.meta.options!.schema, defaults: { extraPorts: [], ignorePorts: [] } });
    expect('options' in jsonRule(ingressOnly.meta, false)).toBe(false);
  });

  it('SARIF rule descriptors give the defaults as configuration parameters', () => {
    expect(ruleDescriptor(noDebugPorts.meta, PACKAGE_ROOT).defaultConfiguration).toEqual({ level: 'error', parameters: { extraPorts: [], ignorePorts: [] } });
    expect(ruleDescriptor(ingressOnly.meta, PACKAGE_ROOT).defaultConfiguration).toEqual({ level: 'error' });
  });
});
