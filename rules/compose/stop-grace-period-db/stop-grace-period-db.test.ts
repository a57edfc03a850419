import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const db = (body: string, image = 'postgres:16.3') => `services:\n  db:\n    image: ${image}\n${body}`;
const WHY = 'a shutdown that takes longer (a checkpoint, a buffer flush, a snapshot) is cut short by SIGKILL, and the next start has to recover';

ruleTester(rule, {
  valid: [
    { name: '30s', code: db('    stop_grace_period: 30s\n') },
    { name: '1m30s', code: db('    stop_grace_period: 1m30s\n') },
    { name: 'an hour', code: db('    stop_grace_period: 1h\n', 'redis:7.2.5') },
    { name: 'fractions', code: db('    stop_grace_period: 0.5m\n', 'mariadb:11.4') },
    { name: 'memcached has nothing to write', code: db('', 'memcached:1.6.29') },
    { name: 'a backup job on the mysql image', code: db('    command: sh -c "while true; do mysqldump --all-databases > /backup/all.sql; sleep 86400; done"\n', 'mysql:8.4') },
    { name: 'a Redis Sentinel', code: db('    command: redis-sentinel /etc/redis/sentinel.conf\n', 'redis:7.2.5') },
    { name: 'an application', code: db('', 'escashop/backend:1.0.0') },
    { name: 'a built image is not guessed at', code: 'services:\n  db:\n    build: ./db\n' },
    { name: 'a value that is no duration is left to Compose', code: db('    stop_grace_period: "${GRACE}"\n') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: db('') },
    { name: 'minimumSeconds: 120 takes 2m', options: { minimumSeconds: 120 }, code: db('    stop_grace_period: 2m\n') },
    { name: 'minimumSeconds: 5 takes 10s', options: { minimumSeconds: 5 }, code: db('    stop_grace_period: 10s\n', 'redis:7.2.5') },
  ],
  invalid: [
    {
      name: 'missing, at the service name',
      code: db(''),
      errors: [{ line: 2, column: 3, endColumn: 5, severity: 'info', message: `service "db" (PostgreSQL) has no "stop_grace_period", so Docker waits only 10s after asking it to stop before it kills it; ${WHY} (set "stop_grace_period: 30s" or more)` }],
    },
    {
      name: 'too short, at the value',
      code: db('    stop_grace_period: 10s\n', 'redis:7.2.5'),
      errors: [{ line: 4, column: 24, endColumn: 27, message: `service "db" (Redis) sets "stop_grace_period: 10s", less than 30s; ${WHY}` }],
    },
    { name: 'just under', code: db('    stop_grace_period: "29s999ms"\n', 'mongo:7.0.12'), errors: [{ line: 4, column: 25, endColumn: 33, message: /\(MongoDB\) sets "stop_grace_period: 29s999ms"/ }] },
    { name: 'zero', code: db('    stop_grace_period: 0s\n', 'bitnami/postgresql:16'), errors: [{ line: 4, column: 24, endColumn: 26 }] },
    { name: 'a default counts as written', code: db('    stop_grace_period: ${GRACE:-5s}\n'), errors: [{ line: 4, column: 33, endColumn: 35 }] },
    {
      name: 'minimumSeconds: 120, too short',
      options: { minimumSeconds: 120 },
      code: db('    stop_grace_period: 90s\n'),
      errors: [{ line: 4, column: 24, endColumn: 27, message: `service "db" (PostgreSQL) sets "stop_grace_period: 90s", less than 120s; ${WHY}` }],
    },
    {
      name: 'minimumSeconds: 120, missing: the message asks for it',
      options: { minimumSeconds: 120 },
      code: db(''),
      errors: [{ line: 2, column: 3, endColumn: 5, message: `service "db" (PostgreSQL) has no "stop_grace_period", so Docker waits only 10s after asking it to stop before it kills it; ${WHY} (set "stop_grace_period: 120s" or more)` }],
    },
  ],
});
