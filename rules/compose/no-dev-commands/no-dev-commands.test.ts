import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const cmd = (command: string, key = 'command') => `services:\n  app:\n    image: example/app:1.0.0\n    ${key}: ${command}\n`;

ruleTester(rule, {
  valid: [
    { name: 'vite build', code: cmd('npx vite build') },
    { name: 'vite preview', code: cmd('["vite", "preview"]') },
    { name: 'npm start', code: cmd('npm start') },
    { name: 'a build script for dev', code: cmd('npm run build:dev') },
    { name: 'test:watch is a test script', code: cmd('yarn test:watch') },
    { name: 'a program that is only named like a watcher', code: cmd('./bin/airflow webserver') },
    { name: 'air as an argument', code: cmd('echo air') },
    { name: 'gunicorn without reload', code: cmd('gunicorn --reload-extra-file x app:app --workers 2') },
    { name: 'rails server in production', code: cmd('bin/rails s -e production') },
    { name: 'next start', code: cmd('next start') },
    { name: 'a script from a variable', code: cmd('npm run ${SCRIPT:-start}') },
    { name: 'npm run start:dev in a dev file', filename: 'docker-compose.dev.yml', code: cmd('npm run start:dev') },
    { name: 'nodemon in an override file', filename: 'compose.override.yml', code: cmd('nodemon') },
    { name: 'nodemon in a ci file', filename: 'docker-compose.ci.yml', code: cmd('nodemon') },
  ],
  invalid: [
    {
      name: 'npm run dev, at the script',
      code: cmd('npm run dev'),
      errors: [
        {
          line: 4,
          column: 22,
          endColumn: 25,
          severity: 'warning',
          message: 'service "app" starts the "dev" script in "command"; prod runs the built application, not a dev server or watcher',
        },
      ],
    },
    { name: 'yarn dev', code: cmd('yarn dev'), errors: [{ line: 4, column: 19, endColumn: 22 }] },
    { name: 'npm run start-watch', code: cmd('npm run start-watch'), errors: [{ line: 4, column: 22, endColumn: 33 }] },
    { name: 'nodemon in the entrypoint', code: cmd('["nodemon", "server.js"]', 'entrypoint'), errors: [{ line: 4, column: 19, endColumn: 26, message: 'service "app" starts the watcher nodemon in "entrypoint"; prod runs the built application, not a dev server or watcher' }] },
    { name: 'webpack serve', code: cmd('npx webpack serve --mode development'), errors: [{ line: 4, column: 26, endColumn: 31, message: /starts "webpack serve"/ }] },
    { name: 'gunicorn --reload', code: cmd('gunicorn --reload app:app'), errors: [{ line: 4, column: 23, endColumn: 31, message: /starts gunicorn with --reload/ }] },
    { name: 'flask --debug before run', code: cmd('flask --debug run'), errors: [{ line: 4, column: 20, endColumn: 27 }] },
    { name: 'tsc -w', code: cmd('tsc -w'), errors: [{ line: 4, column: 18, endColumn: 20 }] },
    { name: 'rails --environment=development', code: cmd('rails server --environment=development'), errors: [{ line: 4, column: 41, endColumn: 52 }] },
    { name: 'artisan serve', code: cmd('php artisan serve --host=0.0.0.0'), errors: [{ line: 4, column: 26, endColumn: 31 }] },
    { name: 'after exec in a shell', code: cmd('["sh", "-c", "npm ci; exec npx nodemon"]'), errors: [{ line: 4, column: 45, endColumn: 52 }] },
  ],
});
