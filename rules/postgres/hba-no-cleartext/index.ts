import { configOwner, defineRule, hbaHostRecords, imageHbaLine } from '../../../src/engine/api.js';
import { cleartextMethod, USE_SCRAM } from '../_shared/hba-methods.js';

export default defineRule({
  meta: {
    id: 'postgres/hba-no-cleartext',
    description: 'pg_hba.conf takes no clear-text password over TCP and does not trust the client\'s ident server',
    severity: 'error',
    tags: ['security', 'postgres', 'authentication'],
    securitySeverity: 8.0,
    references: {
      cwe: ['CWE-319', 'CWE-290'],
      urls: ['https://www.postgresql.org/docs/current/auth-password.html', 'https://www.postgresql.org/docs/current/auth-ident.html', 'https://hub.docker.com/_/postgres'],
    },
  },
  create: (context) => ({
    serviceConfigs(configs) {
      const owner = configOwner(configs);
      for (const record of hbaHostRecords(configs)) {
        const method = record.method.value;
        const why = cleartextMethod(record, method);
        if (why) context.report({ at: record.method, message: `pg_hba.conf${owner.of} authenticates "${record.type.value}" connections with "${method}", which ${why}; ${USE_SCRAM}` });
      }
      // The image appends `host all all all <method>`.
      const image = imageHbaLine(configs);
      const why = image?.from === 'env' && image.method ? cleartextMethod({ connection: 'host' }, image.method) : undefined;
      if (image?.at && why) {
        context.report({
          at: image.at,
          message: `POSTGRES_HOST_AUTH_METHOD=${image.method}${owner.of} makes the image's pg_hba.conf authenticate every TCP connection with "${image.method}", which ${why}; ${USE_SCRAM}`,
        });
      }
    },
  }),
});
