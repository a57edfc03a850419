// A plugin as its author writes it, against the declarations the build ships: rules made with
// defineRule, the helpers of "escashop-lint/rule-api", and a test through the public RuleTester.
// test/api/types.test.ts compiles it with consumer.mts.
import { defineRule, RuleTester, type ComposeProject, type Rule, type RuleTesterCases, type Service, type ServiceConfigFiles, type Text } from 'escashop-lint';
import { dependenciesOf, effectiveDirective, nginxRunOf, nginxSize, type NginxWord } from 'escashop-lint/rule-api';

export const healthyDependencies: Rule = defineRule({
  meta: { id: 'acme/healthy-dependencies', description: 'a service waits for the services it depends on to be healthy', severity: 'warning', tags: ['reliability'], docs: 'https://wiki.example.com/acme/healthy-dependencies' },
  create: (context) => ({
    service(service: Service) {
      const project: ComposeProject = context.project;
      for (const dependency of dependenciesOf(service)) {
        const name: Text = dependency.name;
        if (project.service(name.value)?.healthcheck && dependency.condition?.value !== 'service_healthy') {
          context.report({ at: dependency.condition ?? name, message: `service "${service.name}" does not wait for "${name.value}" to be healthy` });
        }
      }
    },
  }),
});

export const bodyLimit: Rule = defineRule({
  meta: {
    id: 'acme/body-limit',
    description: 'nginx sets a body size limit',
    severity: 'info',
    environments: { dev: 'off' },
    tags: [],
    options: { schema: { type: 'object', properties: { max: { type: 'string' } }, additionalProperties: false }, defaults: { max: '10m' } },
  },
  create: (context) => ({
    serviceConfigs(configs: ServiceConfigFiles) {
      const run = nginxRunOf(configs);
      const size: NginxWord | undefined = run ? effectiveDirective(run.config, undefined, 'client_max_body_size')?.args[0] : undefined;
      if (size && (nginxSize(size.value) ?? 0) > (nginxSize(String(context.options.max)) ?? 0)) context.report({ at: size, message: 'the limit is too large' });
    },
  }),
});

const cases: RuleTesterCases = {
  valid: [{ code: 'services:\n  api:\n    image: shop/api:1\n' }],
  invalid: [{ code: 'services:\n  api:\n    image: shop/api:1\n    depends_on: [db]\n  db:\n    image: postgres:17\n    healthcheck: {test: ["CMD", "pg_isready"]}\n', errors: [{ line: 4, column: 18, message: /healthy/ }] }],
};

export const tested: Promise<void> = new RuleTester().run(healthyDependencies, cases);
export const rules: readonly Rule[] = [healthyDependencies, bodyLimit];
