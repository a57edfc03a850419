import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/model/command.js';
import { commandWords, invocationsOf } from '../../src/model/invocations.js';
import { parseYaml } from '../../src/parse/yaml.js';
import { get } from '../../src/parse/tree.js';

/** The programs a `command:` value runs, as `name arg arg`. */
function runs(value: string): string[] {
  const { root } = parseYaml({ name: 'c.yml', absPath: '/c.yml', text: `command: ${value}\n` });
  return invocationsOf(parseCommand(get(root, 'command'))).map((run) => [run.name, ...run.args.map((a) => a.value)].join(' '));
}

describe('invocationsOf', () => {
  it('splits at shell operators and looks inside sh -c, in both forms', () => {
    expect(runs('sh -c "cd /app && npm ci; exec npx nodemon src | tee log"')).toEqual(['cd /app', 'npm ci', 'nodemon src', 'tee log']);
    expect(runs('["bash", "-lc", "yarn install && yarn dev"]')).toEqual(['yarn install', 'yarn dev']);
  });

  it('skips wrappers and assignments', () => {
    expect(runs('env NODE_ENV=production tini -- gosu node node dist/index.js')).toEqual(['node dist/index.js']);
    expect(runs('bundle exec rails s -e production')).toEqual(['rails s -e production']);
    expect(runs('python3 -m uvicorn app:app --reload')).toEqual(['uvicorn app:app --reload']);
    expect(runs('./node_modules/.bin/vite --host')).toEqual(['vite --host']);
  });

  it('keeps each word at its place in the file', () => {
    const { root } = parseYaml({ name: 'c.yml', absPath: '/c.yml', text: 'command: sh -c "npm run dev"\n' });
    const [run] = invocationsOf(parseCommand(get(root, 'command')));
    expect(run!.args[1]!.origin.range.start).toEqual({ line: 1, column: 25 });
    expect(commandWords(parseCommand(get(root, 'command'))).map((w) => w.value)).toEqual(['sh', '-c', 'npm', 'run', 'dev']);
  });
});
