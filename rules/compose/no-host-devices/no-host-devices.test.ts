import { fixtureTests, ruleTester } from '../../../test/rule-tester.js';
import rule from './index.js';

fixtureTests(rule, import.meta.dirname);

const svc = (body: string) => `services:\n  bridge:\n    image: escashop/bridge:1.0.0\n${body}`;

ruleTester(rule, {
  valid: [
    { name: 'no devices', code: svc('') },
    { name: 'gpus', code: svc('    gpus:\n      - driver: nvidia\n        count: 1\n') },
    { name: 'CDI GPU', code: svc('    devices: ["amd.com/gpu=0"]\n') },
  ],
  invalid: [
    {
      name: 'short syntax: at the host device, each item',
      code: svc('    devices:\n      - /dev/snd:/dev/snd\n      - /dev/dri:/dev/dri:rw\n'),
      errors: [
        { line: 5, column: 9, endColumn: 17, severity: 'warning', message: 'service "bridge" maps the host device "/dev/snd" in devices: the container talks to the host\'s hardware or kernel driver directly' },
        { line: 6, column: 9, endColumn: 17 },
      ],
    },
    { name: 'long syntax: at the source', code: svc('    devices:\n      - source: /dev/fuse\n        target: /dev/fuse\n'), errors: [{ line: 5, column: 17, endColumn: 26 }] },
    {
      name: 'device_cgroup_rules: at each rule',
      code: svc('    device_cgroup_rules:\n      - "a *:* rwm"\n'),
      errors: [{ line: 5, column: 10, endColumn: 19, message: 'service "bridge" allows host devices "a *:* rwm" in device_cgroup_rules: the container may open matching device files' }],
    },
    { name: 'a CDI name that is not a GPU', code: svc('    devices: ["vendor.com/fpga=0"]\n'), errors: [{ line: 4, column: 16, endColumn: 33 }] },
    { name: 'dev files too', filename: 'docker-compose.dev.yml', code: svc('    devices: [/dev/ttyACM0]\n'), errors: [{ line: 4, column: 15, severity: 'warning' }] },
  ],
});
