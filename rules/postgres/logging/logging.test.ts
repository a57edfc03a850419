import { describe, expect, it } from 'vitest';
import { lintHostProject, lintProject, rangeOf } from '../../../test/host-project.js';
import { projectFixtureTests } from '../../../test/project-fixtures.js';
import { lintConfigFile } from '../../../test/config-file.js';
import { dbService } from '../_shared/lint-project.js';
import rule from './index.js';

projectFixtureTests(rule, import.meta.dirname);

const WITH_CONF = dbService('postgres:16', 'command: postgres -c config_file=/etc/postgresql/postgresql.conf', 'volumes:', '  - ./postgresql.conf:/etc/postgresql/postgresql.conf:ro');

describe('postgres/logging', () => {
  it('says the image\'s postgresql.conf logs no connections, at the service key', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16') })).toEqual([
      "compose.yaml 2:3-2:5 info service \"db\" runs postgres with the image's postgresql.conf, which sets no log_connections, log_disconnections or log_line_prefix: connections are not logged, session ends are not logged, log lines name no user, database or client (the default prefix is '%m [%p] '), so who connected, from where, to which database, cannot be traced afterwards; set log_connections = on, log_disconnections = on, log_line_prefix = '%m [%p] %q%u@%d from %h '",
    ]);
  });

  it('names what the -c flags leave out (a prefix there is not judged: the command model cuts it at blanks)', async () => {
    expect(await lintProject(rule, { 'compose.yaml': dbService('postgres:16', 'command: postgres -c log_connections=on -c "log_line_prefix=%u %d %h "') })).toEqual([
      'compose.yaml 2:3-2:5 info service "db" runs postgres with the image\'s postgresql.conf, and its command line sets no log_disconnections: session ends are not logged, so who connected, from where, to which database, cannot be traced afterwards; set log_disconnections = on',
    ]);
  });

  it('reports values that log too little at the value, and absent settings with the file as related', async () => {
    const conf = "log_connections = false\nlog_disconnections = on\nlog_line_prefix = '%m %%u %d '\n";
    const got = await lintHostProject(rule, { files: { 'compose.yaml': WITH_CONF, 'postgresql.conf': conf } });
    expect(got.map((f) => `${f.file} ${rangeOf(f)} ${f.message}`)).toEqual([
      'postgresql.conf 1:19-1:24 log_connections is off in service "db": new connections are not logged, so who connected, from where, to which database, cannot be traced afterwards; set log_connections = on',
      'postgresql.conf 3:19-3:31 log_line_prefix in service "db" does not name the user (%u), the client host (%h or %r), so a logged statement or error cannot be tied to them; add %u, %h or %r',
    ]);
    const absent = await lintHostProject(rule, { files: { 'compose.yaml': WITH_CONF, 'postgresql.conf': 'shared_buffers = 1GB\n' } });
    expect(absent.map((f) => [rangeOf(f), f.related.map((r) => `${r.file} ${rangeOf(r)}`)])).toEqual([['2:3-2:5', ['postgresql.conf 1:1-1:1']]]);
  });

  it('says logging_collector = on hides the log from docker', async () => {
    const conf = "log_connections = on\nlog_disconnections = on\nlog_line_prefix = '%m %u@%d %h '\nlogging_collector = on\n";
    expect(await lintProject(rule, { 'compose.yaml': WITH_CONF, 'postgresql.conf': conf })).toEqual([
      'postgresql.conf 4:21-4:23 info logging_collector is on in service "db": postgres writes its log to files under log_directory (in the data directory by default) instead of stderr, so docker logs and the logging driver see nothing after startup and the files grow in the data volume; leave it off in a container',
    ]);
  });

  it('checks a postgresql.conf linted on its own, reporting what it lacks at its first line', async () => {
    expect(await lintConfigFile(rule, { 'postgresql.conf': "log_connections = on\nlog_line_prefix = '%m %u@%d %r '\n" }, 'postgresql.conf')).toEqual([
      'postgresql.conf 1:1-1:1 info postgresql.conf sets no log_disconnections: session ends are not logged, so who connected, from where, to which database, cannot be traced afterwards; set log_disconnections = on',
    ]);
  });
});
