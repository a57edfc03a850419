import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string, image = 'escashop/backend:1.0.0') => `services:\n  app:\n    image: ${image}\n${body}`;
const STOP = 'so "docker compose stop" waits out the grace period and then kills it mid-request, and no process reaps zombie children';
const SCRIPT = 'starts the app through a shell, and the stop signal (SIGTERM) stops at that shell, so the app is killed without a chance to shut down, with or without an init (start the app directly, as "node dist/index.js")';

ruleTester(rule, {
  valid: [
    { name: 'init: true', code: svc('    init: true\n    command: ["node", "dist/index.js"]\n') },
    { name: 'init: "true" as a string', code: svc('    init: "true"\n    command: python app.py\n') },
    { name: 'tini as the entrypoint', code: svc('    entrypoint: ["/sbin/tini", "--"]\n    command: ["node", "dist/index.js"]\n') },
    { name: 'dumb-init in the command', code: svc('    command: dumb-init -- node dist/index.js\n') },
    { name: "s6-overlay's /init", code: svc('    entrypoint: ["/init"]\n    command: ["python3", "worker.py"]\n') },
    { name: 'gunicorn handles SIGTERM and reaps its workers', code: svc('    command: gunicorn app:app --workers 4\n') },
    { name: 'uvicorn through python -m', code: svc('    command: python -m uvicorn app.main:app --host 0.0.0.0\n') },
    { name: 'an image that ships an init', code: svc('    command: ["node", "packages/cli/bin/n8n"]\n', 'n8nio/n8n:1.50.0') },
    { name: 'linuxserver images run /init', code: svc('    command: python3 /app/main.py\n', 'lscr.io/linuxserver/calibre-web:0.6.21') },
    { name: 'no command: the image decides', code: svc('    ports: ["3000:3000"]\n', 'node:20.15.0') },
    { name: 'an entrypoint script of its own', code: svc('    entrypoint: ./docker-entrypoint.sh\n    command: node dist/index.js\n') },
    { name: 'npm install is not the main program', code: svc('    command: npm ci\n') },
    { name: 'a program from a variable', code: svc('    command: ${RUNTIME} dist/index.js\n') },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: svc('    command: node dist/index.js\n') },
    { name: 'test file', filename: 'docker-compose.test.yml', code: svc('    command: npm start\n') },
  ],
  invalid: [
    {
      name: 'node as PID 1, at the program',
      code: svc('    command: ["node", "dist/index.js"]\n'),
      errors: [{ line: 4, column: 16, endColumn: 20, severity: 'info', message: `service "app" runs node without an init ("init: true"): as PID 1 Node.js ignores SIGTERM unless the app handles it, ${STOP}` }],
    },
    {
      name: 'a python script, with the interpreter by path',
      code: svc('    command: /opt/venv/bin/python worker.py\n'),
      errors: [{ line: 4, column: 14, endColumn: 34, message: `service "app" runs /opt/venv/bin/python without an init ("init: true"): as PID 1 the Python interpreter ignores SIGTERM unless the app handles it, ${STOP}` }],
    },
    { name: 'python -m of an app module, at the interpreter', code: svc('    command: python3 -m myapp.worker\n'), errors: [{ line: 4, column: 14, endColumn: 21, message: /runs python3 -m myapp\.worker without an init/ }] },
    { name: 'init: false', code: svc('    init: false\n    command: node server.js\n'), errors: [{ line: 5, column: 14, endColumn: 18 }] },
    { name: 'node as the entrypoint, arguments in command', code: svc('    entrypoint: ["node"]\n    command: ["server.js"]\n'), errors: [{ line: 4, column: 19, endColumn: 23 }] },
    { name: 'the last program of a shell script', code: svc('    command: sh -c "npx prisma migrate deploy && node dist/index.js"\n'), errors: [{ line: 4, column: 50, endColumn: 54 }] },
    {
      name: 'npm start, at npm',
      code: svc('    command: npm start\n'),
      errors: [{ line: 4, column: 14, endColumn: 17, message: `service "app" runs "npm start": npm ${SCRIPT}` }],
    },
    {
      name: 'npm run start is reported even under an init',
      code: svc('    init: true\n    command: ["npm", "run", "start"]\n'),
      errors: [{ line: 5, column: 16, endColumn: 19, message: `service "app" runs "npm run start": npm ${SCRIPT}` }],
    },
    { name: 'yarn start under tini', code: svc('    entrypoint: ["tini", "--"]\n    command: ["yarn", "start"]\n'), errors: [{ line: 5, column: 16, endColumn: 20, message: /runs "yarn start": yarn starts the app through a shell/ }] },
  ],
});
