import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../rules/index.js';
import { CORE_CHECKS } from '../src/findings/core.js';
import { PACKAGE_ROOT } from '../src/package-info.js';
import { metaBlock, replaceBlock, ruleTable } from '../src/report/rule-docs.js';
import { registrySource } from '../scripts/gen.mjs';
import { optionsValidator } from './rule-tester.js';

const read = (file: string) => readFileSync(path.join(PACKAGE_ROOT, file), 'utf8');

describe('every rule is documented and tested', () => {
  it('rules/index.ts lists every rule folder (npm run gen)', () => {
    expect(read('rules/index.ts')).toBe(registrySource());
  });

  for (const rule of rules) {
    const dir = path.join(PACKAGE_ROOT, 'rules', rule.meta.id);
    describe(rule.meta.id, () => {
      it('has an id matching its folder', () => {
        expect(rule.meta.docs).toBe(`rules/${rule.meta.id}/README.md`);
        expect(rule.meta.id).toMatch(/^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
      });
      it('has a one-line description without a trailing period', () => {
        expect(rule.meta.description).not.toMatch(/[.\n]$/);
        expect(rule.meta.description.length).toBeLessThanOrEqual(120);
      });
      it('has a README with why, bad, good, fix and references, and a current metadata block', () => {
        const readme = read(rule.meta.docs);
        expect(readme.startsWith(`# ${rule.meta.id}\n`)).toBe(true);
        for (const heading of ['## Why it matters in production', '## Bad', '## Good', '## How to fix', '## References']) {
          expect(readme, heading).toContain(`\n${heading}\n`);
        }
        expect(readme, 'run npm run gen').toBe(replaceBlock(readme, 'meta', metaBlock(rule.meta)));
      });
      it('has a test file and valid and invalid fixtures', () => {
        const name = path.basename(rule.meta.id);
        expect(existsSync(path.join(dir, `${name}.test.ts`))).toBe(true);
        expect(existsSync(path.join(dir, 'fixtures', 'valid'))).toBe(true);
        expect(existsSync(path.join(dir, 'fixtures', 'invalid'))).toBe(true);
      });
      it('documents every option in an "## Options" section; its schema is strict and its defaults match it', () => {
        const options = rule.meta.options;
        if (!options) return;
        const schema = options.schema as { type?: unknown; additionalProperties?: unknown; properties?: Record<string, { description?: unknown }> };
        expect(schema.type).toBe('object');
        expect(schema.additionalProperties, 'a misspelt option must be an error').toBe(false);
        const names = Object.keys(schema.properties ?? {});
        expect(names.length).toBeGreaterThan(0);
        for (const name of names) expect(schema.properties![name]!.description, `${name} has a description`).toEqual(expect.any(String));
        expect(Object.keys(options.defaults).filter((name) => !names.includes(name)), 'defaults name only options of the schema').toEqual([]);
        const validate = optionsValidator(rule.meta)!;
        expect(validate(options.defaults) ? [] : validate.errors, 'the defaults match the schema').toEqual([]);
        const readme = read(rule.meta.docs);
        const start = readme.indexOf('\n## Options\n');
        expect(start, 'the README has an "## Options" section').toBeGreaterThan(-1);
        const end = readme.indexOf('\n## ', start + 1);
        const section = readme.slice(start, end === -1 ? undefined : end);
        for (const name of names) expect(section, `the Options section names ${name}`).toContain(`\`${name}\``);
        expect(section, 'the Options section shows a configuration').toContain(`"${rule.meta.id}": { "options": `);
      });
      it('has a security-severity in (0, 10] when tagged security', () => {
        if (rule.meta.tags.includes('security')) {
          expect(rule.meta.securitySeverity).toBeGreaterThan(0);
          expect(rule.meta.securitySeverity).toBeLessThanOrEqual(10);
        }
      });
    });
  }

  for (const check of CORE_CHECKS) {
    it(`${check.id} has its documentation page`, () => {
      const doc = read(check.docs);
      expect(doc.startsWith(`# ${check.id}\n`)).toBe(true);
      expect(doc, 'run npm run gen').toBe(replaceBlock(doc, 'meta', metaBlock(check)));
    });
  }

  it('README.md lists every rule with its current metadata (npm run gen)', () => {
    const readme = read('README.md');
    expect(readme).toBe(replaceBlock(readme, 'rules', ruleTable([...CORE_CHECKS, ...rules.map((r) => r.meta)])));
  });
});
