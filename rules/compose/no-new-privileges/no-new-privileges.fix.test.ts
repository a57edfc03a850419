import { describe, expect, it } from 'vitest';
import { fixFile, fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const svc = (body: string) => `services:\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

describe('compose/no-new-privileges: --fix', () => {
  it('adds security_opt when the service has none', async () => {
    expect(await fixFile(rule, { 'compose.yaml': svc('    user: "10001" # app user\n') })).toBe(svc('    user: "10001" # app user\n    security_opt:\n      - no-new-privileges:true\n'));
  });

  it('appends to an existing security_opt, block or flow', async () => {
    expect(await fixFile(rule, { 'compose.yaml': svc('    security_opt:\n      - apparmor:docker-default # profile\n') })).toBe(
      svc('    security_opt:\n      - apparmor:docker-default # profile\n      - no-new-privileges:true\n'),
    );
    expect(await fixFile(rule, { 'compose.yaml': svc('    security_opt: [ "label:type:svirt_apache_t" ]\n') })).toBe(svc('    security_opt: [ "label:type:svirt_apache_t", no-new-privileges:true ]\n'));
  });

  it('rewrites an item that turns it off, or that Docker refuses, in its quoting', async () => {
    expect(await fixFile(rule, { 'compose.yaml': svc('    security_opt: ["no-new-privileges=false"]\n') })).toBe(svc('    security_opt: ["no-new-privileges:true"]\n'));
    expect(await fixFile(rule, { 'compose.yaml': svc("    security_opt:\n      - 'no-new-privileges:yes'\n").replace(/\n/g, '\r\n') })).toBe(
      svc("    security_opt:\n      - 'no-new-privileges:true'\n").replace(/\n/g, '\r\n'),
    );
  });

  it('edits the override file that turns it off', async () => {
    const override = 'services:\n  backend:\n    security_opt:\n      - no-new-privileges:false # debugging\n';
    const { texts, fixes } = await fixProject(rule, { 'compose.yaml': svc('    security_opt: [no-new-privileges:true]\n'), 'compose.override.yaml': override });
    expect(texts).toEqual({ 'compose.override.yaml': override.replace(':false', ':true') });
    expect(fixes).toEqual(['fix: set "no-new-privileges:true" in security_opt of service "backend"']);
  });

  it('has no fix for an item written with a variable', async () => {
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': svc('    security_opt:\n      - no-new-privileges:${NNP:-false}\n') });
    expect(texts).toEqual({});
    expect(findings.map((f) => [f.range.start.line, f.fix])).toEqual([[5, undefined]]);
  });
});
