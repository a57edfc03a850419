import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  api:\n    image: escashop/backend:1.0.0\n${body}`;
const vol = (item: string, build = '') => svc(`${build}    volumes:\n      - ${item}\n`);

ruleTester(rule, {
  valid: [
    { name: 'a config file', code: vol('./app.json:/app/app.json:ro') },
    { name: 'a data folder', code: vol('./data:/app/data') },
    { name: 'a folder that is not code, over a code dir', code: vol('./webui/files:/app/files') },
    { name: 'the project over a non-code folder', code: vol('.:/mnt/project') },
    { name: 'scripts mounted at /project of a stock image', code: vol('.:/project') },
    { name: 'an absolute path is not the project source', code: vol('/srv/escashop:/app') },
    { name: 'named volume', code: `${vol('code:/app')}volumes:\n  code:\n` },
    { name: 'dev file', filename: 'docker-compose.dev.yml', code: vol('.:/app') },
    { name: 'ci file', filename: 'docker-compose.ci.yml', code: vol('./src:/app/src') },
    { name: 'develop without watch', code: svc('    develop: {}\n') },
  ],
  invalid: [
    {
      name: 'the project folder over /app',
      code: vol('.:/app'),
      errors: [
        {
          line: 5,
          column: 9,
          endColumn: 10,
          severity: 'error',
          message: 'service "api" bind-mounts the project source "." over "/app" in volumes: prod runs whatever is on the host\'s disk, not the image that was built and tested',
        },
      ],
    },
    { name: './ is the project folder too', code: vol('./:/var/www/html'), errors: [{ line: 5, column: 9, endColumn: 11 }] },
    { name: 'a source folder over a source folder', code: vol('./backend/src:/code/src:ro'), errors: [{ line: 5, column: 9, endColumn: 22 }] },
    { name: 'the build context, anywhere code lives', code: vol('./shop:/usr/local/app', '    build: ./shop\n'), errors: [{ line: 6, column: 9, endColumn: 15 }] },
    { name: 'a parent folder', code: vol('..:/app:cached'), errors: [{ line: 5, column: 9, endColumn: 11 }] },
    { name: '/workspace of an image the project builds', code: vol('..:/workspace:cached', '    build: .\n'), errors: [{ line: 6, column: 9, endColumn: 11 }] },
    {
      name: 'develop.watch: at the watch key',
      code: svc('    develop:\n      watch:\n        - action: rebuild\n          path: .\n'),
      errors: [{ line: 5, column: 7, endColumn: 12, message: 'service "api" sets develop.watch: a dev-loop feature that syncs or rebuilds from local files has no place in prod' }],
    },
  ],
});
