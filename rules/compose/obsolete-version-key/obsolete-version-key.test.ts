import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const message = 'the top-level "version" is obsolete: Compose ignores it and warns; remove it';

ruleTester(rule, {
  valid: [
    { name: 'no version', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { name: 'version as a label or variable of a service', code: 'services:\n  web:\n    image: nginx:1.27\n    labels:\n      version: "1"\n    environment:\n      version: "1"\n' },
    { name: 'version inside an extension field', code: 'x-meta:\n  version: "3"\nservices:\n  web:\n    image: nginx:1.27\n' },
  ],
  invalid: [
    {
      name: 'points at the key',
      code: 'version: "3.8"\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 8, severity: 'info', message }],
    },
    {
      name: 'also after services',
      code: 'services:\n  web:\n    image: nginx:1.27\nversion: "2"\n',
      errors: [{ line: 4, column: 1, endColumn: 8, message }],
    },
    {
      name: 'an empty version is still the key',
      code: 'version: ""\nservices:\n  web:\n    image: nginx:1.27\n',
      errors: [{ line: 1, column: 1, endColumn: 8 }],
    },
    {
      name: 'info in every environment',
      filename: 'docker-compose.ci.yml',
      code: "version: '3'\nservices:\n  web:\n    image: nginx:1.27\n",
      errors: [{ line: 1, column: 1, severity: 'info' }],
    },
  ],
});
