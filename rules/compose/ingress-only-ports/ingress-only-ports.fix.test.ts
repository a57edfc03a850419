import { describe, expect, it } from 'vitest';
import { fixFile, fixProject } from '../../../test/fix-tester.js';
import rule from './index.js';

const svc = (body: string) => `services:\n  nginx:\n    image: nginx:1.27-alpine\n    ports: ["443:443"]\n  backend:\n    image: escashop/backend:1.0.0\n${body}`;

describe('compose/ingress-only-ports: --fix', () => {
  it('turns every published port of the service into expose: in one fix shared by its findings', async () => {
    const { texts, findings, fixes } = await fixProject(rule, { 'compose.yaml': svc('    ports:\n      - "5000:5000" # api\n      - 127.0.0.1:9229:9229\n      - target: 8080\n        published: 8080\n') });
    expect(texts).toEqual({ 'compose.yaml': svc('    expose:\n      - "5000" # api\n      - "9229"\n      - "8080"\n') });
    expect(findings).toHaveLength(3);
    expect(new Set(findings.map((f) => f.fix)).size).toBe(1);
    expect(fixes).toEqual(['fix: turn the published ports of service "backend" into "expose:" (other services reach them; the host no longer does)']);
  });

  it('adds to an existing expose list (a port once), flow style, keeping CRLF line endings', async () => {
    const crlf = (text: string) => text.replace(/\n/g, '\r\n');
    expect(await fixFile(rule, { 'compose.yaml': crlf(svc('    ports: ["8080:80", "53:53/udp"]\n    expose: ["80"]\n')) })).toBe(crlf(svc('    expose: ["80", 53/udp]\n')));
  });

  it('has no fix when a port is written with a variable', async () => {
    const { texts, findings } = await fixProject(rule, { 'compose.yaml': svc('    ports:\n      - "${API_PORT:-5000}:5000"\n      - "9229:${DEBUG_PORT}"\n') });
    expect(texts).toEqual({});
    expect(findings.map((f) => [f.range.start.line, f.fix])).toEqual([
      [8, undefined],
      [9, undefined],
    ]);
  });

  it('edits the file the service extends', async () => {
    const common = 'services:\n  api:\n    image: escashop/backend:1.0.0\n    ports:\n      - 5000:5000\n';
    const { texts } = await fixProject(rule, { 'compose.yaml': 'services:\n  backend:\n    extends: {file: common.yaml, service: api}\n', 'common.yaml': common });
    expect(texts).toEqual({ 'common.yaml': 'services:\n  api:\n    image: escashop/backend:1.0.0\n    expose:\n      - "5000"\n' });
  });
});

describe('compose/ingress-only-ports: --fix with -f files', () => {
  const base = 'services:\n  backend:\n    image: escashop/backend:1.0.0\n';

  it('edits the prod file that publishes the ports', async () => {
    const prod = 'services:\n  backend:\n    ports:\n      - "5000:5000"\n';
    const { texts } = await fixProject(rule, { 'compose.yaml': base, 'compose.prod.yaml': prod }, { composeFiles: ['compose.yaml', 'compose.prod.yaml'] });
    expect(texts).toEqual({ 'compose.prod.yaml': 'services:\n  backend:\n    expose:\n      - "5000"\n' });
  });

  it('has no fix when the list is merged from ports of several files', async () => {
    const { texts, findings } = await fixProject(
      rule,
      { 'compose.yaml': `${base}    ports: ["5000:5000"]\n`, 'compose.prod.yaml': 'services:\n  backend:\n    ports: ["9229:9229"]\n' },
      { composeFiles: ['compose.yaml', 'compose.prod.yaml'] },
    );
    expect(texts).toEqual({});
    expect(findings.map((f) => [f.file, f.range.start.line, f.fix])).toEqual([
      ['compose.prod.yaml', 3, undefined],
      ['compose.yaml', 4, undefined],
    ]);
  });
});
