import { configOwner, defineRule, describePort, pgBool, portPlace, postgresSettings, publishedPostgresPort } from '../../../src/engine/api.js';

export default defineRule({
  meta: {
    id: 'postgres/ssl-on',
    description: 'A postgres server whose port is published to other machines has ssl = on',
    severity: 'info',
    environments: { dev: 'off', test: 'off' },
    tags: ['security', 'postgres', 'tls'],
    securitySeverity: 4.0,
    references: {
      cwe: ['CWE-319'],
      urls: ['https://www.postgresql.org/docs/current/ssl-tcp.html'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const settings = postgresSettings(configs);
      const published = settings && publishedPostgresPort(configs);
      if (!published) return;
      const ssl = settings.last('ssl');
      if (ssl && pgBool(ssl.value.value) === true) return;
      const why = ssl ? 'but ssl is off' : 'with ssl off (the default)';
      context.report({
        at: portPlace(published),
        message: `${configOwner(configs).label} publishes ${describePort(published)} ${why}: passwords and data cross the network in clear text; set ssl = on with a mounted certificate and key, or publish the port on 127.0.0.1 only`,
        ...(ssl ? { related: [{ message: 'ssl is set here', file: ssl.value.origin.file, range: ssl.value.origin.range }] } : {}),
      });
    },
  }),
});
