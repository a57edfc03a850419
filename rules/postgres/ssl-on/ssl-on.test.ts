import { describe, expect, it } from 'vitest';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintProject } from '../../../test/host-project.js';
import { dbService } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const fix = 'passwords and data cross the network in clear text; set ssl = on with a mounted certificate and key, or publish the port on 127.0.0.1 only';

describe('postgres/ssl-on', () => {
  it('reports a published port at the ports entry', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'ports:', '  - "15432:5432"') })).toEqual([
      `compose.yaml 5:9-5:21 info service "db" publishes container port 5432 to host port 15432 with ssl off (the default): ${fix}`,
    ]);
  });

  it('follows -c ssl=on and -c port on the command line', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'command: -c ssl=on', 'ports:', '  - "5432:5432"') })).toEqual([]);
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'command: -c port=6000', 'ports:', '  - "5432:5432"') })).toEqual([]);
  });

  it('is off in dev', async () => {
    expect(await lintProject(rule, { 'compose.dev.yaml': dbService('postgres:16', 'ports:', '  - "5432:5432"') })).toEqual([]);
  });
});
