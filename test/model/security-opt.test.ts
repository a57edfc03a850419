import { describe, expect, it } from 'vitest';
import { isTrue } from '../../src/model/boolean.js';
import { noNewPrivilegesOf, parseSecurityOpt } from '../../src/model/security-opt.js';
import { Text } from '../../src/model/text.js';
import { isScalar, isSeq, type YScalar } from '../../src/parse/tree.js';
import { parseYaml } from '../../src/parse/yaml.js';

/** The scalar items of a YAML flow or block list. */
function items(yaml: string): YScalar[] {
  const parsed = parseYaml({ name: 'compose.yml', absPath: '/compose.yml', text: yaml });
  expect(parsed.findings).toEqual([]);
  const root = parsed.root!;
  return isSeq(root) ? root.items.filter(isScalar) : [];
}

function parts(item: string) {
  const opt = parseSecurityOpt(Text.of(items(`- ${JSON.stringify(item)}\n`)[0]!));
  return [opt.name.value, opt.separator, opt.value?.value];
}

describe('parseSecurityOpt', () => {
  it('splits at the first "=" when there is one, else at the first ":"', () => {
    expect(parts('seccomp:unconfined')).toEqual(['seccomp', ':', 'unconfined']);
    expect(parts('seccomp=unconfined')).toEqual(['seccomp', '=', 'unconfined']);
    expect(parts('label:type:spc_t')).toEqual(['label', ':', 'type:spc_t']);
    expect(parts('label=level:s0:c1,c2')).toEqual(['label', '=', 'level:s0:c1,c2']);
    expect(parts('seccomp:./a=b.json')).toEqual(['seccomp:./a', '=', 'b.json']);
    expect(parts('no-new-privileges')).toEqual(['no-new-privileges', undefined, undefined]);
  });

  it('keeps the place of the name and the value in the file', () => {
    const [item] = items('- no-new-privileges:false\n');
    const opt = parseSecurityOpt(Text.of(item!));
    expect(opt.name.origin.range).toEqual({ start: { line: 1, column: 3 }, end: { line: 1, column: 20 } });
    expect(opt.value!.origin.range).toEqual({ start: { line: 1, column: 21 }, end: { line: 1, column: 26 } });
  });
});

describe('noNewPrivilegesOf', () => {
  const of = (item: string) => noNewPrivilegesOf(parseSecurityOpt(Text.of(items(`- ${JSON.stringify(item)}\n`)[0]!)));
  it('reads every spelling Docker reads', () => {
    expect(['no-new-privileges', 'no-new-privileges:true', 'no-new-privileges=true', 'no-new-privileges=1', 'no-new-privileges:T'].map(of)).toEqual([true, true, true, true, true]);
    expect(['no-new-privileges:false', 'no-new-privileges=0', 'no-new-privileges=False'].map(of)).toEqual([false, false, false]);
    expect(['no-new-privileges:yes', 'no-new-privileges=', 'no-new-privileges:tRuE'].map(of)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(['seccomp=unconfined', 'No-New-Privileges', 'no-new-privilege:true'].map(of)).toEqual([undefined, undefined, undefined]);
  });
});

describe('isTrue', () => {
  it('reads a boolean option the way Compose does', () => {
    expect(items('[true, True, "true", "TRUE", yes, "On", y]\n').map((n) => isTrue(n))).toEqual([true, true, true, true, true, true, true]);
    expect(items('[false, "false", "no", off, "", "1", " true"]\n').map((n) => isTrue(n))).toEqual([false, false, false, false, false, false, false]);
    expect(isTrue(undefined)).toBe(false);
  });
});
