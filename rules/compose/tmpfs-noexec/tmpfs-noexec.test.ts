import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const tmpfs = (value: string) => `services:\n  app:\n    image: escashop/app:1.0.0\n    read_only: true\n    tmpfs:${value}`;
const exec = 'programs written there can be run, where the engine\'s default (noexec,nosuid,nodev) forbids it';

ruleTester(rule, {
  valid: [
    { name: 'no options: the defaults hold', code: tmpfs('\n      - /tmp\n') },
    { name: 'size and mode only', code: tmpfs('\n      - /run:size=64m,mode=1777\n') },
    { name: 'the defaults written out', code: tmpfs('\n      - /tmp:rw,noexec,nosuid,nodev,size=64m\n') },
    { name: 'a single string', code: tmpfs(' /tmp:size=16m\n') },
    { name: 'an option that only looks like one', code: tmpfs('\n      - /tmp:uid=1000,execute-me\n') },
    { name: 'dev files', filename: 'docker-compose.dev.yml', code: tmpfs('\n      - /tmp:exec\n') },
    { name: 'long syntax cannot set mount options', code: 'services:\n  app:\n    image: escashop/app:1.0.0\n    volumes:\n      - type: tmpfs\n        target: /tmp\n        tmpfs:\n          size: 1000000\n' },
  ],
  invalid: [
    {
      name: 'exec, at the option',
      code: tmpfs('\n      - /tmp:exec\n'),
      errors: [{ line: 6, column: 14, endLine: 6, endColumn: 18, severity: 'warning', message: `service "app" mounts a tmpfs at /tmp with "exec": ${exec}` }],
    },
    {
      name: 'exec and suid among other options, one finding each',
      code: tmpfs('\n      - "/run:size=64m, exec,suid"\n'),
      errors: [
        { line: 6, column: 25, endColumn: 29, message: /at \/run with "exec"/ },
        { line: 6, column: 30, endColumn: 34, message: 'service "app" mounts a tmpfs at /run with "suid": set-user-ID programs written there run with their owner\'s rights, where the engine\'s default (noexec,nosuid,nodev) forbids it' },
      ],
    },
    { name: 'a single string', code: tmpfs(' /tmp:exec\n'), errors: [{ line: 5, column: 17, endColumn: 21 }] },
    { name: 'upper case is still the option', code: tmpfs('\n      - /cache:EXEC\n'), errors: [{ line: 6, column: 16, endColumn: 20, message: /with "EXEC"/ }] },
  ],
});
