import { configOwner, defineRule, redisAuth, secretTests, type RedisPassword } from '../../../src/engine/api.js';

/** Passwords from redis's sample config and tutorials. */
const SAMPLE_PASSWORDS = new Set(['foobared', 'password', 'redis', 'redispassword', 'redis_password', 'changeme', 'secret', 'pass', '123456']);

/** The length below which a redis password is short by default: redis checks passwords as fast as clients send them. */
export const MIN_LENGTH = 32;

function weakness(password: RedisPassword, minLength: number): string | undefined {
  const value = password.word.value;
  if (SAMPLE_PASSWORDS.has(value.toLowerCase())) return 'is a well-known sample password';
  if (value.length < minLength) return `is shorter than ${minLength} characters`;
  return undefined;
}

export default defineRule({
  meta: {
    id: 'redis/password-strength',
    description: `A redis password written in the project is not a sample value and has at least ${MIN_LENGTH} characters`,
    severity: 'error',
    environments: { prod: 'error', dev: 'warning', test: 'warning' },
    tags: ['security'],
    securitySeverity: 7.5,
    references: {
      cwe: ['CWE-521', 'CWE-1391'],
      urls: ['https://redis.io/docs/latest/operate/oss_and_stack/management/security/#authentication'],
    },
    options: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          minLength: {
            type: 'integer',
            minimum: 1,
            description: 'The number of characters below which a redis password written in the project is reported.',
          },
        },
      },
      defaults: { minLength: MIN_LENGTH },
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const auth = redisAuth(configs);
      const minLength = context.options.minLength as number;
      for (const password of auth?.passwords ?? []) {
        // One read when the container starts is not in the project; a value the configuration allows is no secret.
        if (password.atStart || secretTests(context.project.policy).allowedValue(password.word.value)) continue;
        const problem = weakness(password, minLength);
        if (!problem) continue;
        const setting = password.directive.key === 'user' ? `the ACL password of user "${password.directive.args[0]?.value ?? ''}"` : 'the requirepass password';
        context.report({
          at: password.text ?? password.word,
          secret: password.text ?? password.word,
          message: `${setting}${configOwner(configs).of} ${problem}; redis checks passwords as fast as clients send them, so use ${minLength} or more random characters, read from a secret when the container starts`,
        });
      }
    },
  }),
});
