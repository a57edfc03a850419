import { describe, expect, it } from 'vitest';
import { fixtureTests, ruleTester, runRule } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const two = (a: string, b: string) => `services:\n  web:\n    image: nginx:1.27\n${a}  api:\n    image: escashop/api:1.0.0\n${b}`;

ruleTester(rule, {
  valid: [
    { name: 'different names', code: two('    container_name: web\n', '    container_name: api\n') },
    { name: 'no container_name at all', code: two('', '') },
    { name: 'names differ in case only (the engine tells them apart)', code: two('    container_name: shop\n', '    container_name: Shop\n') },
    { name: 'alternatives in different profiles', code: two('    container_name: shop\n    profiles: [dev]\n', '    container_name: shop\n    profiles: [prod]\n') },
    { name: 'one replica', code: two('    container_name: web\n    deploy:\n      replicas: 1\n', '') },
    { name: 'global mode runs one container per node', code: two('    container_name: web\n    deploy:\n      mode: global\n      replicas: 3\n', '') },
    { name: 'replicas from an unset variable', code: two('    container_name: web\n    deploy:\n      replicas: ${WEB_REPLICAS}\n', '') },
    { name: 'an empty name from an unset variable', code: two('    container_name: ${NAME}\n', '    container_name: ${NAME}\n') },
  ],
  invalid: [
    {
      name: 'the same name twice, at the second',
      code: two('    container_name: shop\n', '    container_name: shop\n'),
      errors: [{ line: 7, column: 21, endLine: 7, endColumn: 25, severity: 'error', message: 'service "api" sets container_name "shop", which service "web" sets too; Compose refuses the project ("container name is already in use")' }],
    },
    {
      name: 'quoted and plain spellings of one name',
      code: two('    container_name: "shop"\n', '    container_name: shop\n'),
      errors: [{ line: 7, column: 21 }],
    },
    {
      name: 'a name from a variable default',
      code: two('    container_name: ${WEB_NAME:-shop}\n', '    container_name: shop\n'),
      errors: [{ line: 7, column: 21, message: /which service "web" sets too/ }],
    },
    {
      name: 'a profiled service and one that always runs',
      code: two('    container_name: shop\n', '    container_name: shop\n    profiles: [debug]\n'),
      errors: [{ line: 7, column: 21 }],
    },
    {
      name: 'three services, each later one pointed at the first',
      code: 'services:\n  a:\n    image: escashop/a:1.0.0\n    container_name: xy\n  b:\n    image: escashop/b:1.0.0\n    container_name: xy\n  c:\n    image: escashop/c:1.0.0\n    container_name: xy\n',
      errors: [
        { line: 7, column: 21, message: /service "b" sets container_name "xy", which service "a"/ },
        { line: 10, column: 21, message: /service "c" sets container_name "xy", which service "a"/ },
      ],
    },
    {
      name: 'deploy.replicas above one',
      code: two('    container_name: web\n    deploy:\n      replicas: 3\n', ''),
      errors: [
        {
          line: 4,
          column: 21,
          endColumn: 24,
          message: 'service "web" sets container_name "web" and asks for 3 containers with "deploy.replicas"; Compose refuses the project, since a container name can name one container only',
        },
      ],
    },
    {
      name: 'scale above one',
      code: two('    container_name: web\n    scale: 2\n', ''),
      errors: [{ line: 4, column: 21, message: /asks for 2 containers with "scale"/ }],
    },
  ],
});

describe('compose/unique-container-name: related locations', () => {
  it('points at the first service with the name', () => {
    const [finding] = runRule(rule, two('    container_name: shop\n', '    container_name: shop\n'));
    expect(finding?.related).toEqual([{ message: 'service "web" sets container_name "shop" here', file: 'docker-compose.yml', range: { start: { line: 4, column: 21 }, end: { line: 4, column: 25 } } }]);
  });

  it('points at the replica count', () => {
    const [finding] = runRule(rule, two('    container_name: web\n    deploy:\n      replicas: 3\n', ''));
    expect(finding?.related).toEqual([{ message: '3 replicas asked for here', file: 'docker-compose.yml', range: { start: { line: 6, column: 17 }, end: { line: 6, column: 18 } } }]);
  });
});
