import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

/** A one-service file: `backend` with the given lines under it. */
const backend = (...lines: string[]) => `services:\n  backend:\n${lines.map((l) => `    ${l}\n`).join('')}`;
const image = 'image: escashop/backend:1.0.0';
const ports = 'ports: ["3000:3000"]';
const policy = (...entries: string[]) => ['deploy:', '  restart_policy:', ...entries.map((e) => `    ${e}`)];
/** `backend` waits for `migrate` with the given condition. */
const withMigrate = (condition: string, ...migrate: string[]) =>
  `services:\n  backend:\n    ${image}\n    restart: always\n    depends_on:\n      migrate:\n        condition: ${condition}\n  migrate:\n    ${image}\n${migrate.map((l) => `    ${l}\n`).join('')}`;
const missing = 'service "backend" has no restart policy; it stays down after a crash or a reboot of the host (set "restart: unless-stopped", or "no" for a one-shot task)';

ruleTester(rule, {
  valid: [
    { name: 'unless-stopped', code: backend(image, ports, 'restart: unless-stopped') },
    { name: 'always', code: backend(image, 'restart: always') },
    { name: 'on-failure without a count (we do not ask for one, unlike KICS)', code: backend(image, ports, 'restart: on-failure') },
    { name: 'on-failure with any count, not only 5', code: backend(image, 'restart: on-failure:3') },
    { name: 'from a default', code: backend(image, 'restart: ${RESTART:-unless-stopped}') },
    { name: 'an unset variable is decided at deploy time', code: backend(image, ports, 'restart: ${RESTART}') },
    { name: 'deploy condition any', code: backend(image, ...policy('condition: any')) },
    { name: 'deploy restart_policy without condition (swarm reads any)', code: backend(image, ...policy('delay: 5s')) },
    { name: 'deploy on-failure', code: backend(image, ...policy('condition: on-failure', 'max_attempts: 3')) },
    { name: 'through a merge key', code: `x-r: &r\n  restart: unless-stopped\nservices:\n  backend:\n    <<: *r\n    ${image}\n` },
    { name: 'restart: no on a one-shot task', code: backend(image, 'command: ["npm", "run", "seed"]', 'restart: "no"') },
    { name: 'condition: none on a one-shot task', code: backend(image, ...policy('condition: none')) },
    { name: 'restart: no with a disabled healthcheck', code: backend(image, 'healthcheck:', '  disable: true', 'restart: "no"') },
    { name: 'a job without a policy', code: withMigrate('service_completed_successfully') },
    { name: 'a serving job with restart: no', code: withMigrate('service_completed_successfully', ports, 'restart: "no"') },
    { name: 'a swarm job', code: backend(image, 'deploy:', '  mode: global-job') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: backend(image) },
    { name: 'test file', filename: 'docker-compose.test.yml', code: backend(image, ports, 'restart: "no"') },
  ],
  invalid: [
    { name: 'no policy', code: backend(image), errors: [{ line: 2, column: 3, endLine: 2, endColumn: 10, severity: 'warning', message: missing }] },
    { name: 'no policy, with version: 3.8', code: `version: "3.8"\n${backend(image, ports)}`, errors: [{ line: 3, column: 3, endColumn: 10, message: missing }] },
    {
      name: 'restart: no, unquoted, on a service with ports',
      code: backend(image, ports, 'restart: no'),
      errors: [{ line: 5, column: 14, endColumn: 16, message: 'service "backend" sets "restart: no" but serves on a port or has a healthcheck; it stays down after a crash or a reboot of the host' }],
    },
    { name: 'restart: "no" with expose', code: backend(image, 'expose: ["3000"]', 'restart: "no"'), errors: [{ line: 5, column: 15, endColumn: 17 }] },
    { name: 'restart: no with a healthcheck', code: backend(image, 'healthcheck:', '  test: ["CMD", "true"]', 'restart: "no"'), errors: [{ line: 6, column: 15, endColumn: 17 }] },
    { name: 'restart: no from a default', code: backend(image, ports, 'restart: ${RESTART:-no}'), errors: [{ line: 5, column: 25, endColumn: 27 }] },
    {
      name: 'deploy condition none on a service with ports',
      code: backend(image, ports, ...policy('condition: none')),
      errors: [{ line: 7, column: 20, endColumn: 24, message: 'service "backend" sets "deploy.restart_policy.condition: none" but serves on a port or has a healthcheck; it stays down after a crash or a reboot of the host' }],
    },
    { name: 'restart and restart_policy are judged each: compose reads one, swarm the other', code: backend(image, ports, 'restart: always', ...policy('condition: none')), errors: [{ line: 8, column: 20, endColumn: 24 }] },
    { name: 'service_started is not a job', code: withMigrate('service_started'), errors: [{ line: 8, column: 3, endColumn: 10 }] },
  ],
});
