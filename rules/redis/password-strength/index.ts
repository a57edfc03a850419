import { configOwner, defineRule, redisAuth, type RedisPassword } from '../../../src/engine/api.js';

/** Passwords from redis's sample config and tutorials. */
const SAMPLE_PASSWORDS = new Set(['foobared', 'password', 'redis', 'redispassword', 'redis_password', 'changeme', 'secret', 'pass', '123456']);

/** The length below which a redis password is short: redis checks passwords as fast as clients send them. */
export const MIN_LENGTH = 32;

function weakness(password: RedisPassword): string | undefined {
  const value = password.word.value;
  if (SAMPLE_PASSWORDS.has(value.toLowerCase())) return 'is a well-known sample password';
  if (value.length < MIN_LENGTH) return `is shorter than ${MIN_LENGTH} characters`;
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
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const auth = redisAuth(configs);
      for (const password of auth?.passwords ?? []) {
        if (password.atStart) continue;
        const problem = weakness(password);
        if (!problem) continue;
        const setting = password.directive.key === 'user' ? `the ACL password of user "${password.directive.args[0]?.value ?? ''}"` : 'the requirepass password';
        context.report({
          at: password.text ?? password.word,
          secret: password.text ?? password.word,
          message: `${setting}${configOwner(configs).of} ${problem}; redis checks passwords as fast as clients send them, so use ${MIN_LENGTH} or more random characters, read from a secret when the container starts`,
        });
      }
    },
  }),
});
