import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImage } from '../../src/model/image.js';
import { fileVariable } from '../../src/fix/file-variables.js';
import { moveToSecrets } from '../../src/fix/secrets.js';
import { applyFixes } from '../../src/fix/apply.js';
import { writeDiff } from '../../src/fix/diff.js';
import type { Fix } from '../../src/fix/types.js';
import { loadProject } from './helpers.js';
import { hostProject } from '../host-project.js';
import { ProjectLoader } from '../../src/model/load.js';
import { FixSources } from '../../src/fix/sources.js';

const COMPOSE = `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app # the owner
      POSTGRES_PASSWORD: "s3cr3t-value"
  mysql:
    image: mysql:8
    environment:
      - MYSQL_ROOT_PASSWORD=r00t-value
`;

/** The moves of the two services, made by the project's own model. */
function moves(compose: string, extra: Record<string, string> = {}) {
  const loaded = loadProject({ 'compose.yaml': compose, ...extra });
  const { project } = loaded;
  const move = (service: string, variable: string, name: string) => {
    const s = project.service(service)!;
    return { service: s.node, variable, fileVariable: fileVariable(s.imageReference, variable)!, name };
  };
  return { ...loaded, move };
}

const asFix = (result: Fix | { refused: string }): Fix => {
  if ('refused' in result) throw new Error(result.refused);
  return result;
};

describe('fileVariable', () => {
  it('names the *_FILE variable of the official images that read one', () => {
    expect(fileVariable(parseImage('postgres:16'), 'POSTGRES_PASSWORD')).toBe('POSTGRES_PASSWORD_FILE');
    expect(fileVariable(parseImage('docker.io/library/mariadb'), 'MYSQL_PASSWORD')).toBe('MYSQL_PASSWORD_FILE');
    expect(fileVariable(parseImage('postgres:16'), 'PGDATA')).toBeUndefined();
    expect(fileVariable(parseImage('bitnami/postgresql'), 'POSTGRES_PASSWORD')).toBeUndefined();
    expect(fileVariable(parseImage('ghcr.io/x/postgres'), 'POSTGRES_PASSWORD')).toBeUndefined();
  });
});

describe('moveToSecrets', () => {
  it('moves values of map and list environments into secrets, in one fix', () => {
    const { project, sources, apply, move, dir } = moves(COMPOSE);
    const fix = asFix(moveToSecrets(project.root, [move('db', 'POSTGRES_PASSWORD', 'db_password'), move('mysql', 'MYSQL_ROOT_PASSWORD', 'mysql_root_password')], dir, sources));
    expect(fix.description).toBe('move POSTGRES_PASSWORD to the secret "db_password", MYSQL_ROOT_PASSWORD to the secret "mysql_root_password"');
    expect(apply(fix)).toEqual({
      'compose.yaml': `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app # the owner
      POSTGRES_PASSWORD_FILE: "/run/secrets/db_password"
    secrets:
      - db_password
  mysql:
    image: mysql:8
    environment:
      - MYSQL_ROOT_PASSWORD_FILE=/run/secrets/mysql_root_password
    secrets:
      - mysql_root_password
secrets:
  db_password:
    file: ./secrets/db_password.txt
  mysql_root_password:
    file: ./secrets/mysql_root_password.txt
`,
    });
    expect(fix.files).toEqual([
      { file: path.join(dir, 'secrets', 'db_password.txt'), text: 's3cr3t-value', mode: 0o600, secret: true },
      { file: path.join(dir, 'secrets', 'mysql_root_password.txt'), text: 'r00t-value', mode: 0o600, secret: true },
      { file: path.join(dir, '.gitignore'), text: 'secrets/\n', append: true },
    ]);
    // What a dry run prints of them never holds a value.
    const shown = fix.files!.map((write) => writeDiff(path.relative(dir, write.file), write, undefined)).join('');
    expect(shown).not.toMatch(/s3cr3t|r00t/);
    expect(shown).toBe(
      '--- /dev/null\n+++ b/secrets/db_password.txt\n(new file, mode 0600, contents not shown)\n' +
        '--- /dev/null\n+++ b/secrets/mysql_root_password.txt\n(new file, mode 0600, contents not shown)\n' +
        '--- /dev/null\n+++ b/.gitignore\n@@ -0,0 +1,1 @@\n+secrets/\n',
    );
  });

  it('adds no .gitignore line when the project already ignores every secret file, and one when it ignores only some', () => {
    /** The files the move of db's (and mysql's) password writes, in a project on disk with this .gitignore. */
    const writes = (gitignore: string, both: boolean) => {
      const dir = hostProject({ files: { 'compose.yaml': COMPOSE, '.gitignore': gitignore } });
      const loader = new ProjectLoader({ cwd: dir });
      const { project } = loader.load({ files: [path.join(dir, 'compose.yaml')], envFiles: [] }, 'prod');
      const move = (service: string, variable: string, name: string) => {
        const s = project!.service(service)!;
        return { service: s.node, variable, fileVariable: fileVariable(s.imageReference, variable)!, name };
      };
      const list = [move('db', 'POSTGRES_PASSWORD', 'db_password'), ...(both ? [move('mysql', 'MYSQL_ROOT_PASSWORD', 'mysql_root_password')] : [])];
      const fix = asFix(moveToSecrets(project!.root, list, dir, new FixSources((name) => loader.text(path.resolve(dir, name)))));
      return (fix.files ?? []).map((w) => path.relative(dir, w.file).split(path.sep).join('/'));
    };
    expect(writes('node_modules/\nsecrets/*.txt\n', true)).toEqual(['secrets/db_password.txt', 'secrets/mysql_root_password.txt']);
    expect(writes('secrets/db_*.txt\n', false)).toEqual(['secrets/db_password.txt']);
    expect(writes('secrets/db_*.txt\n', true)).toEqual(['secrets/db_password.txt', 'secrets/mysql_root_password.txt', '.gitignore']);
  });

  it('adds to the secrets a file defines and a service mounts, and uses a definition that is already there', () => {
    const compose = `services:
  db:
    image: postgres:16
    secrets:
      - source: other
    environment:
      POSTGRES_PASSWORD: s3cr3t-value
secrets:
  other:
    external: true
  db_password:
    file: secrets/db_password.txt
`;
    const { project, sources, apply, move, dir } = moves(compose);
    const fix = asFix(moveToSecrets(project.root, [move('db', 'POSTGRES_PASSWORD', 'db_password')], dir, sources));
    expect(apply(fix)).toEqual({
      'compose.yaml': compose.replace('      - source: other\n', '      - source: other\n      - db_password\n').replace('POSTGRES_PASSWORD: s3cr3t-value', 'POSTGRES_PASSWORD_FILE: /run/secrets/db_password'),
    });
  });

  it('refuses a name defined for another file, a variable from the environment, and a *_FILE variable already set', () => {
    const taken = `services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: x\nsecrets:\n  db_password:\n    file: ./elsewhere.txt\n`;
    const a = moves(taken);
    expect(moveToSecrets(a.project.root, [a.move('db', 'POSTGRES_PASSWORD', 'db_password')], a.dir, a.sources)).toEqual({ refused: 'a secret "db_password" is already defined at compose.yaml:7:3' });
    const variable = `services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: \${PW:-x}\n`;
    const b = moves(variable);
    expect(moveToSecrets(b.project.root, [b.move('db', 'POSTGRES_PASSWORD', 'db_password')], b.dir, b.sources)).toEqual({ refused: 'the value at compose.yaml:5:26 comes from a variable; set it where the variable is defined' });
    const both = `services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: x\n      POSTGRES_PASSWORD_FILE: /run/secrets/pw\n`;
    const c = moves(both);
    expect(moveToSecrets(c.project.root, [c.move('db', 'POSTGRES_PASSWORD', 'db_password')], c.dir, c.sources)).toEqual({ refused: 'the service at compose.yaml:3:5 already sets POSTGRES_PASSWORD_FILE' });
    expect(moveToSecrets(c.project.root, [c.move('db', 'POSTGRES_PASSWORD', 'a/b')], c.dir, c.sources)).toEqual({ refused: '"a/b" cannot name a secret' });
  });

  it('moves a value set in an override file there, and defines the secret in the file the project\'s top level is written in', () => {
    const { project, sources, move, dir } = moves('services:\n  db:\n    image: postgres\n', {
      'compose.override.yaml': 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: pw\n',
    });
    const fix = asFix(moveToSecrets(project.root, [move('db', 'POSTGRES_PASSWORD', 'db_password')], dir, sources));
    const texts = new Map([
      [path.join(dir, 'compose.yaml'), 'services:\n  db:\n    image: postgres\n'],
      [path.join(dir, 'compose.override.yaml'), 'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD: pw\n'],
    ]);
    const result = applyFixes(texts, [fix]);
    expect(result.unsafe).toEqual([]);
    expect(result.texts.get(path.join(dir, 'compose.override.yaml'))).toBe(
      'services:\n  db:\n    environment:\n      POSTGRES_PASSWORD_FILE: /run/secrets/db_password\n    secrets:\n      - db_password\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt\n',
    );
    expect(result.texts.get(path.join(dir, 'compose.yaml'))).toBe('services:\n  db:\n    image: postgres\n');
  });
});
