import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineRule, type Rule, type RuleVisitors } from '../../src/engine/rule.js';
import { runRules } from '../../src/engine/run.js';
import { CORE_CHECKS, CORE_RULE_ERROR } from '../../src/findings/core.js';
import { ProjectLoader } from '../../src/model/load.js';
import type { ComposeProject } from '../../src/model/project.js';
import { describeThrown, ruleErrorFinding } from '../../src/plugins/rule-error.js';

const COMPOSE = `services:
  api:
    image: example/api:1.4.2
  worker:
    image: example/worker:1.4.2
`;

function projectOf(text: string): ComposeProject {
  const absPath = path.resolve('docker-compose.yml');
  const loader = new ProjectLoader({ cwd: process.cwd() });
  loader.addSource({ name: 'docker-compose.yml', absPath, text });
  const { project } = loader.load({ files: [absPath], envFiles: [] }, 'prod');
  return project!;
}

/** A rule that reports every service's image, in the visitor `visitors` lets it have. */
function imageRule(id: string, visitors: (report: (service: ComposeProject['services'][number]) => void) => RuleVisitors): Rule {
  return defineRule({
    meta: { id, description: 'reports images', severity: 'warning', tags: [] },
    create: (context) => visitors((service) => context.report({ at: service.image!, message: `${id}: ${service.name}` })),
  });
}

const reporter = imageRule('acme/reporter', (report) => ({ service: report }));

const line = (f: { ruleId: string; message: string; range: { start: { line: number; column: number } } }) => `${f.range.start.line}:${f.range.start.column} ${f.ruleId} ${f.message}`;

describe('runRules isolates a rule that throws, when told where to report it', () => {
  const project = projectOf(COMPOSE);

  it('a throw in a service visitor: the rule is called no more, its findings on the project are dropped, the others stay', () => {
    const calls: string[] = [];
    const flaky = imageRule('acme/flaky', (report) => ({
      service(service) {
        calls.push(service.name);
        report(service);
        if (service.name === 'worker') throw new TypeError('cannot read "x" of undefined');
      },
      serviceConfigs() {
        calls.push('configs');
      },
    }));
    const errors: string[] = [];
    const findings = runRules(project, [flaky, reporter], undefined, undefined, (rule, error) => errors.push(`${rule.meta.id} ${describeThrown(error)}`));
    expect(errors).toEqual(['acme/flaky TypeError: cannot read "x" of undefined']);
    expect(calls).toEqual(['api', 'worker']);
    expect(findings.map(line)).toEqual(['3:12 acme/reporter acme/reporter: api', '5:12 acme/reporter acme/reporter: worker']);
  });

  it('a throw in create, in the project visitor, and a create that returns no visitors are each isolated', () => {
    const inCreate = defineRule({
      meta: { id: 'acme/in-create', description: 'd', severity: 'error', tags: [] },
      create: () => {
        throw new RangeError('bad option');
      },
    });
    const inProject = imageRule('acme/in-project', () => ({
      project() {
        throw 'a string, not an error';
      },
    }));
    const noVisitors = { meta: { ...reporter.meta, id: 'acme/no-visitors' }, create: () => undefined } as unknown as Rule;
    const errors: string[] = [];
    const findings = runRules(project, [inCreate, inProject, noVisitors, reporter], undefined, undefined, (rule, error) => errors.push(`${rule.meta.id} ${describeThrown(error)}`));
    expect(errors).toEqual([
      'acme/in-create RangeError: bad option',
      'acme/no-visitors TypeError: create() of rule "acme/no-visitors" returned undefined, not an object of visitors',
      'acme/in-project a string, not an error',
    ]);
    expect(findings.map((f) => f.ruleId)).toEqual(['acme/reporter', 'acme/reporter']);
  });

  it('without a handler, the error goes up as before', () => {
    const broken = imageRule('acme/broken', () => ({
      service() {
        throw new Error('boom');
      },
    }));
    expect(() => runRules(project, [reporter, broken])).toThrow(new Error('boom'));
  });

  it('a rule that is off is not created, so it cannot fail', () => {
    const broken = defineRule({
      meta: { id: 'acme/off', description: 'd', severity: 'error', environments: { prod: 'off' }, tags: [] },
      create: () => {
        throw new Error('never');
      },
    });
    const errors: unknown[] = [];
    expect(runRules(project, [broken], undefined, undefined, (_rule, error) => errors.push(error))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

describe('the core/rule-error finding', () => {
  const at = { file: '.escashoprc.json', range: { start: { line: 3, column: 15 }, end: { line: 3, column: 42 } } };

  it('names the rule and its plugin, the error in one capped line, and says the findings are missing', () => {
    expect(ruleErrorFinding(reporter, new TypeError('x is undefined\n    at create (file:///p/index.js:3:5)'), at, 'escashop-plugin-foo')).toEqual({
      ruleId: 'core/rule-error',
      severity: 'error',
      message: 'rule "acme/reporter" of plugin "escashop-plugin-foo" failed: TypeError: x is undefined; its findings for this project are missing',
      ...at,
      related: [],
    });
    const long = ruleErrorFinding(reporter, new Error('y'.repeat(500)), at);
    expect(long.message).toBe(`rule "acme/reporter" failed: Error: ${'y'.repeat(152)}…; its findings for this project are missing`);
    expect(describeThrown(Object.assign(new Error(''), { name: 'AbortError' }))).toBe('AbortError');
    expect(describeThrown(undefined)).toBe('undefined');
  });

  it('is a core check with its documentation page', () => {
    expect(CORE_CHECKS).toContain(CORE_RULE_ERROR);
    expect(CORE_RULE_ERROR).toMatchObject({ id: 'core/rule-error', severity: 'error', docs: 'docs/core/rule-error.md' });
  });
});
