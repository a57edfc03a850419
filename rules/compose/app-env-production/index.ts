import { defineRule, type KeyValue, type Text } from '../../../src/engine/api.js';

/** What a prod value of a variable must not be, and what to say about it. */
interface Policy {
  readonly names: readonly string[];
  readonly wrong: (value: string) => boolean;
  readonly want: string;
}

const DEVELOPMENT = new Set(['development', 'develop', 'dev', 'local', 'debug']);
const TRUE = new Set(['true', '1', 'yes', 'on']);

const POLICIES: readonly Policy[] = [
  { names: ['NODE_ENV'], wrong: (v) => v !== 'production', want: 'Node.js libraries switch their production behaviour on only for exactly "production"' },
  {
    names: ['RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'FLASK_ENV', 'ASPNETCORE_ENVIRONMENT', 'DOTNET_ENVIRONMENT'],
    wrong: (v) => DEVELOPMENT.has(v.toLowerCase()),
    want: 'a development environment shows stack traces and reloads code; set it to production',
  },
  {
    names: ['DEBUG', 'FLASK_DEBUG', 'DJANGO_DEBUG', 'APP_DEBUG'],
    wrong: (v) => TRUE.has(v.toLowerCase()),
    want: 'debug mode shows stack traces, settings and sometimes an interactive console to anyone who triggers an error',
  },
  { names: ['LOG_LEVEL'], wrong: (v) => ['debug', 'trace'].includes(v.toLowerCase()), want: 'debug and trace logs are verbose and often carry request bodies, tokens and personal data; use info' },
  { names: ['GENERATE_SOURCEMAP'], wrong: (v) => v.toLowerCase() === 'true', want: 'source maps publish the original source of the frontend; set it to false' },
];

/** The value without surrounding whitespace, still mapped to its place in the file. */
function trimmed(text: Text): Text {
  return text.slice(text.value.length - text.value.trimStart().length, text.value.trimEnd().length);
}

export default defineRule({
  meta: {
    id: 'compose/app-env-production',
    description: 'In prod, NODE_ENV is production and no app environment, debug flag, log level or source map is set for development',
    severity: 'error',
    environments: { prod: 'error', dev: 'off', test: 'off' },
    tags: ['security', 'best-practice'],
    securitySeverity: 5.0,
    references: {
      cwe: ['CWE-489', 'CWE-209'],
      urls: ['https://expressjs.com/en/advanced/best-practice-performance.html#set-node_env-to-production'],
    },
  },
  create: (context) => {
    const check = (serviceName: string, pairs: readonly KeyValue[], where: string) => {
      for (const { name, value } of pairs) {
        const policy = POLICIES.find((p) => p.names.includes(name.value.trim()));
        const setTo = value && trimmed(value);
        // Unset, empty, or given by a variable at deploy time: not for this file to say.
        if (!policy || !setTo || setTo.value === '' || !setTo.isLiteral() || !policy.wrong(setTo.value)) continue;
        context.report({
          at: setTo,
          message: `service "${serviceName}" sets ${name.value.trim()} to "${setTo.value}" in "${where}"; ${policy.want}`,
        });
      }
    };
    return {
      service(service) {
        check(service.name, service.environment, 'environment');
        check(service.name, service.buildArgs, 'build.args');
      },
    };
  },
});
