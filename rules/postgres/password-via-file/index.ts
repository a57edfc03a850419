import { defineRule, imageHbaLine, secretTests, type SecretTests, type ServiceConfigFiles, type Text } from '../../../src/engine/api.js';

const FIX = 'declare it under "secrets:", give it to the service and set POSTGRES_PASSWORD_FILE=/run/secrets/<name> instead';

/** A literal password `compose/no-plaintext-secrets` reports at its value already (under the same secret allowlists). */
function reportedAsPlaintext(value: Text | undefined, secrets: SecretTests): boolean {
  return value !== undefined && value.isLiteral() && secrets.name('POSTGRES_PASSWORD') && secrets.value(value.value);
}

/** The image's entrypoint refuses an empty superuser password unless its pg_hba.conf line is `trust`. */
function needsPassword(configs: ServiceConfigFiles): boolean {
  const image = imageHbaLine(configs);
  return image !== undefined && image.method !== 'trust';
}

export default defineRule({
  meta: {
    id: 'postgres/password-via-file',
    description: 'The postgres superuser password comes from a secret file (POSTGRES_PASSWORD_FILE), not an environment variable',
    severity: 'error',
    environments: { dev: 'warning', test: 'warning' },
    tags: ['security', 'postgres', 'secrets'],
    securitySeverity: 6.0,
    references: {
      cwe: ['CWE-526'],
      urls: ['https://hub.docker.com/_/postgres', 'https://docs.docker.com/compose/how-tos/use-secrets/'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const service = configs.setup.service;
      if (configs.setup.program !== 'postgres' || !service) return;
      const password = service.environmentVariable('POSTGRES_PASSWORD');
      const file = service.environmentVariable('POSTGRES_PASSWORD_FILE');
      if (password && file) {
        context.report({
          at: password.name,
          message: `service "${service.name}" sets both POSTGRES_PASSWORD and POSTGRES_PASSWORD_FILE, which the image refuses; keep POSTGRES_PASSWORD_FILE`,
          related: [{ message: 'POSTGRES_PASSWORD_FILE is set here', file: file.name.origin.file, range: file.name.origin.range }],
        });
      } else if (password && !reportedAsPlaintext(password.value, secretTests(context.project.policy))) {
        const source = password.value?.fromVariable ? 'from a variable' : password.value ? 'in the environment' : 'from the shell that runs compose';
        context.report({
          at: password.name,
          message: `service "${service.name}" takes its password ${source} in POSTGRES_PASSWORD, which "docker inspect" and every process of the container can read; ${FIX}`,
        });
      } else if (!password && !file && service.get('env_file') === undefined && needsPassword(configs)) {
        context.report({
          at: service.key,
          message: `service "${service.name}" sets neither POSTGRES_PASSWORD_FILE nor POSTGRES_PASSWORD, so the image refuses to initialize its database; ${FIX}`,
        });
      }
    },
  }),
});
