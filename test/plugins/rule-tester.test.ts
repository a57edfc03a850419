import { afterEach, describe, expect, it } from 'vitest';
import { defineRule } from '../../src/engine/rule.js';
import { AssertionError, RuleTester } from '../../src/testing/rule-tester.js';

/** The public RuleTester on its own: how it registers cases, and what each kind of failure says. */

const noLatest = defineRule({
  meta: {
    id: 'acme/no-latest',
    description: 'images are pinned',
    severity: 'error',
    environments: { dev: 'warning' },
    tags: [],
    options: { schema: { type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false }, defaults: { allow: [] } },
  },
  create: (context) => ({
    service(service) {
      const image = service.image;
      const allowed = context.options.allow as string[];
      if (image && !image.value.includes(':') && !allowed.includes(service.name)) context.report({ at: image, message: `service "${service.name}" runs "${image.value}" without a tag` });
    },
  }),
});

const CODE = 'services:\n  api:\n    image: shop/api\n';

afterEach(() => {
  RuleTester.describe = undefined;
  RuleTester.it = undefined;
});

/** Runs the cases at once (no framework) and returns the error, or undefined when they pass. */
async function failure(cases: Parameters<RuleTester['run']>[1]): Promise<unknown> {
  return new RuleTester().run(noLatest, cases).then(
    () => undefined,
    (error: unknown) => error,
  );
}

const firstLine = (error: unknown) => String(error).split('\n')[0];

describe('RuleTester without a test framework', () => {
  it('passes when every case gives exactly its findings: environment by file name, options, other files', async () => {
    expect(
      await failure({
        valid: [{ code: 'services:\n  api:\n    image: shop/api:1.4.2\n' }, { code: CODE, options: { allow: ['api'] } }],
        invalid: [
          { code: CODE, errors: [{ line: 3, column: 12, endLine: 3, endColumn: 20, message: 'service "api" runs "shop/api" without a tag', severity: 'error' }] },
          { code: CODE, filename: 'compose.dev.yaml', errors: [{ line: 3, column: 12, message: /without a tag$/, severity: 'warning' }] },
          { code: CODE.replace('shop/api', '${IMAGE}'), files: { '.env': 'IMAGE=shop/api\n' }, errors: [{ line: 3, column: 12, endColumn: 20 }] },
        ],
      }),
    ).toBeUndefined();
  });

  it('rejects with an AssertionError at the first case that differs, naming the case, with the findings side by side', async () => {
    const error = await failure({ valid: [], invalid: [{ name: 'column', code: CODE, errors: [{ line: 3, column: 11 }] }, { code: CODE, errors: [] }] });
    expect(error).toBeInstanceOf(AssertionError);
    const assertion = error as AssertionError;
    const [first, ...diff] = assertion.message.split('\n');
    expect(first).toBe('acme/no-latest invalid #1: column: expected 1 finding, got 1 that differ: docker-compose.yml:3:12-3:20 error service "api" runs "shop/api" without a tag');
    // Node's AssertionError adds the difference to the message, for a script run without a framework.
    expect(diff.join('\n')).toContain('+     column: 12,\n-     column: 11,');
    expect([assertion.actual, assertion.expected]).toEqual([[{ line: 3, column: 12 }], [{ line: 3, column: 11 }]]);
  });

  it('a finding more or less than expected fails, as does a message that does not match', async () => {
    expect(String(await failure({ valid: [{ code: CODE }], invalid: [] }))).toContain('acme/no-latest valid #1: expected no finding, got 1: docker-compose.yml:3:12-3:20 error service "api" runs');
    const two = await failure({ valid: [], invalid: [{ code: CODE, errors: [{ line: 3, column: 12 }, { line: 4, column: 1 }] }] });
    expect((two as AssertionError).actual).toEqual([{ line: 3, column: 12 }]);
    const message = await failure({ valid: [], invalid: [{ code: CODE, errors: [{ line: 3, column: 12, message: /with a tag/ }] }] });
    expect((message as AssertionError).actual).toEqual([{ line: 3, column: 12, message: 'service "api" runs "shop/api" without a tag' }]);
  });

  it('a case that is not a valid compose project, or options the rule refuses, fail with a clear message', async () => {
    expect(firstLine(await failure({ valid: [{ code: 'services:\n  api:\n    image: [shop/api]\n' }], invalid: [] }))).toBe(
      'AssertionError [ERR_ASSERTION]: acme/no-latest valid #1: the case is not a valid compose project: docker-compose.yml:3:12 "image" in service "api" must be a string (core/schema)',
    );
    expect(firstLine(await failure({ valid: [{ code: CODE, options: { allow: 'api' } }], invalid: [] }))).toBe(
      "AssertionError [ERR_ASSERTION]: acme/no-latest valid #1: the case's options do not match the rule's meta.options.schema: options/allow must be array",
    );
  });
});

describe('RuleTester under a test framework', () => {
  it("registers one test per case under the rule's id, with the framework's describe and it", async () => {
    const registered: string[] = [];
    const bodies: (() => Promise<void>)[] = [];
    RuleTester.describe = (title, body) => {
      registered.push(`describe ${title}`);
      body();
    };
    RuleTester.it = (title, body) => {
      registered.push(`it ${title}`);
      bodies.push(body);
    };
    await new RuleTester().run(noLatest, { valid: [{ name: 'pinned', code: 'services:\n  api:\n    image: shop/api:1\n' }], invalid: [{ code: CODE, errors: [{ line: 1, column: 1 }] }] });
    expect(registered).toEqual(['describe acme/no-latest', 'it valid #1: pinned', 'it invalid #1']);
    await expect(bodies[0]!()).resolves.toBeUndefined();
    await expect(bodies[1]!()).rejects.toThrow(AssertionError);
  });
});

describe('a rule that throws', () => {
  const throwing = defineRule({
    meta: { id: 'acme/throws', description: 'd', severity: 'error', tags: [] },
    create: () => ({
      service() {
        throw new TypeError('service.nope is undefined');
      },
    }),
  });

  it('fails the case with its own error in memory, and with its first line on disk', async () => {
    const run = (files?: Record<string, string>) => new RuleTester().run(throwing, { valid: [{ code: CODE, ...(files ? { files } : {}) }], invalid: [] });
    await expect(run()).rejects.toThrow(new TypeError('service.nope is undefined'));
    await expect(run({ '.env': '' })).rejects.toThrow('acme/throws valid #1: the rule threw: rule "acme/throws" failed: TypeError: service.nope is undefined; its findings for this project are missing');
  });
});

describe("a case's policy", () => {
  const ingressOnly = defineRule({
    meta: { id: 'acme/ingress-ports', description: 'only the ingress publishes ports', severity: 'error', tags: [] },
    create: (context) => ({
      service(service) {
        if (service.ports.length > 0 && !context.project.policy.ingress.includes(service.name)) context.report({ at: service.key, message: `service "${service.name}" publishes ports` });
      },
    }),
  });
  const code = 'services:\n  edge:\n    image: caddy:2\n    ports: ["443:443"]\n';

  it('reaches the rule in memory and on disk', async () => {
    for (const files of [undefined, { '.env': '' }]) {
      const more = files ? { files } : {};
      await expect(new RuleTester().run(ingressOnly, { valid: [{ code, policy: { ingress: ['edge'] }, ...more }], invalid: [{ code, policy: { ingress: ['proxy'] }, ...more, errors: [{ line: 2, column: 3, endColumn: 7 }] }] })).resolves.toBeUndefined();
    }
  });
});
