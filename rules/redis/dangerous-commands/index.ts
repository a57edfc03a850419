import { configOwner, authConfigured, defineRule, redisAuth, redisSettings, type ConfigWord, type RedisDirective } from '../../../src/engine/api.js';

/** The commands an application never needs and an intruder wants, with the ACL categories redis puts them in. */
const DANGEROUS: ReadonlyMap<string, readonly string[]> = new Map([
  ['flushall', ['keyspace', 'write', 'slow', 'dangerous']],
  ['flushdb', ['keyspace', 'write', 'slow', 'dangerous']],
  ['keys', ['keyspace', 'read', 'slow', 'dangerous']],
  ['config', ['admin', 'slow', 'dangerous']],
  ['debug', ['admin', 'slow', 'dangerous']],
  ['shutdown', ['admin', 'slow', 'dangerous']],
  ['module', ['admin', 'slow', 'dangerous']],
]);

/** Whether the ACL rules, applied in order to a user that starts with `allowed`, leave `command` allowed. */
function allows(rules: readonly ConfigWord[], command: string, allowed: boolean): boolean {
  const categories = DANGEROUS.get(command)!;
  for (const { value } of rules) {
    const rule = value.toLowerCase();
    if (rule === 'allcommands' || rule === '+@all') allowed = true;
    else if (rule === 'nocommands' || rule === '-@all' || rule === 'reset') allowed = false;
    else if (/^[+-]@/.test(rule) && categories.includes(rule.slice(2))) allowed = rule[0] === '+';
    else if (rule.slice(1) === command && (rule[0] === '+' || rule[0] === '-')) allowed = rule[0] === '+';
  }
  return allowed;
}

/** One ACL user as the `user` lines leave it: on or off, and the rules that give it commands. */
interface AclUser {
  on: boolean;
  rules: ConfigWord[];
  last: RedisDirective;
}

export default defineRule({
  meta: {
    id: 'redis/dangerous-commands',
    description: 'The users clients log in as cannot run FLUSHALL, FLUSHDB, KEYS, CONFIG, DEBUG, SHUTDOWN or MODULE',
    severity: 'error',
    environments: { prod: 'error', dev: 'off', test: 'off' },
    tags: ['security'],
    securitySeverity: 6.5,
    references: {
      cwe: ['CWE-250'],
      urls: ['https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/', 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/#disallowing-specific-commands'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = redisSettings(configs);
      const auth = redisAuth(configs);
      // Without a password anyone runs everything (redis/auth-required); an ACL file is not read.
      if (!settings || !auth || !authConfigured(auth) || auth.how !== 'requirepass' && auth.how !== 'acl') return;
      const renamed = new Set(settings.all('rename-command').map((d) => d.args[0]?.value.toLowerCase()));
      const requirepass = settings.last('requirepass');
      const users = new Map<string, AclUser>();
      if (requirepass) users.set('default', { on: true, rules: [], last: requirepass });
      for (const directive of settings.all('user')) {
        const name = directive.args[0]?.value;
        if (name === undefined) continue;
        const user = users.get(name) ?? { on: name === 'default', rules: [], last: directive };
        for (const rule of directive.args.slice(1)) {
          const r = rule.value.toLowerCase();
          if (r === 'on') user.on = true;
          else if (r === 'off' || r === 'reset') user.on = false;
        }
        user.rules.push(...directive.args.slice(1));
        user.last = directive;
        users.set(name, user);
      }
      for (const [name, user] of users) {
        if (!user.on) continue;
        const commands = [...DANGEROUS.keys()].filter((c) => !renamed.has(c) && allows(user.rules, c, name === 'default'));
        if (commands.length === 0) continue;
        const who = name === 'default' ? 'the default user (the one a requirepass password logs in as)' : `ACL user "${name}"`;
        context.report({
          at: user.last.name,
          message: `${who}${configOwner(configs).of} may run ${commands.map((c) => c.toUpperCase()).join(', ')}; a leaked password then wipes or reconfigures the server: give the application an ACL user with "-@dangerous"`,
        });
      }
    },
  }),
});
