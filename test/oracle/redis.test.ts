import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRedisConf } from '../../src/parse/redis.js';
import { AnswerCache, CORPUS, corpusFiles, findBinary, hashOf, inPool, runServer, runServerAsync, serverDir, serverOwned, skipWithout } from './config-servers.js';

/**
 * The redis oracle: redis-server itself (Debian's, 7.0) reads each config, and must refuse exactly
 * the lines our parser refuses. redis-server stops at the first bad line, so a last directive that
 * does not exist is added on its command line: when redis reports that one, the whole file was read
 * without error, and no server ever starts. A line redis refuses for another reason (a directive
 * this version does not know, a bad argument) is blanked and the file read again, so that every line
 * is looked at. Directives that touch the file system while the config is read (`include`, `dir`,
 * `logfile`, …) are renamed first: their quoting is still checked, but nothing is opened.
 */

const REDIS = findBinary('redis-server');
const END = 'escashop-oracle-end';
const SYNTAX = 'Unbalanced quotes in configuration line';
const TOUCHES_FILES = /^(\s*)(include|dir|logfile|loadmodule|aclfile|pidfile|unixsocket|syslog-enabled|daemonize)(?=\s|$)/i;

let cache: AnswerCache<[number, string][]> | undefined;

/** Each line (1-based) redis refuses, with its message (from the cache when redis read this text before). */
async function redisErrors(text: string, sentinel: boolean): Promise<Map<number, string>> {
  cache ??= new AnswerCache('redis', `${runServer(REDIS!, ['--version'], { cwd: '/' }).output}${hashOf(import.meta.filename)}`);
  return new Map(await cache.getAsync(`${sentinel}\0${text}`, async () => [...(await askRedis(text, sentinel))]));
}

/** A sentinel config is read in sentinel mode, where `sentinel` lines are directives. */
async function askRedis(text: string, sentinel: boolean): Promise<Map<number, string>> {
  const dir = serverDir('escashop-redis-');
  const file = path.join(dir, 'redis.conf');
  const lines = text.split('\n').map((line) => line.replace(TOUCHES_FILES, '$1zzz-$2'));
  const errors = new Map<number, string>();
  try {
    return await readRounds(lines, errors, file, dir, sentinel);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function readRounds(lines: string[], errors: Map<number, string>, file: string, dir: string, sentinel: boolean): Promise<Map<number, string>> {
  for (let round = 0; round < 500; round++) {
    writeFileSync(file, lines.join('\n'));
    serverOwned(file);
    const { output } = await runServerAsync(REDIS!, [file, ...(sentinel ? ['--sentinel'] : []), `--${END}`, 'yes'], { cwd: dir, timeoutMs: 5000 });
    const match = /Reading the configuration file, at line (\d+)\n>>> '(.*)'\n(.*)/.exec(output);
    if (!match) throw new Error(`redis-server said something unexpected:\n${output}`);
    if (match[2]!.startsWith(END)) return errors;
    const line = Number(match[1]);
    errors.set(line, match[3]!);
    lines[line - 1] = '#';
  }
  throw new Error('too many rounds');
}

/** How our findings and redis's errors differ on a file; `refused` counts the lines redis refuses for their quoting. */
async function compare(name: string, text: string, counts?: { refused: number }): Promise<string[]> {
  const theirs = await redisErrors(text, path.basename(name).includes('sentinel'));
  if (counts) counts.refused += [...theirs.values()].filter((m) => m === SYNTAX).length;
  const ours = parseRedisConf({ name, absPath: `/etc/redis/${name}`, text }).findings;
  const problems: string[] = [];
  const oursByLine = new Map(ours.map((f) => [f.range.start.line, f.message]));
  for (const [line, message] of theirs) if (message === SYNTAX && !oursByLine.has(line)) problems.push(`${name}:${line}: redis refuses the quoting, we do not`);
  for (const [line, message] of oursByLine) {
    if (!theirs.has(line)) problems.push(`${name}:${line}: we report "${message}", redis reads the line`);
    else if (message.includes('quote') !== (theirs.get(line) === SYNTAX)) problems.push(`${name}:${line}: we report "${message}", redis says "${theirs.get(line)}"`);
  }
  return problems;
}

const CASES = [
  'requirepass "abc',
  'requirepass "a"b',
  "requirepass 'a'b",
  'requirepass "a" b',
  'requirepass "a\\"b"',
  'requirepass "\\x41\\x4"',
  "requirepass 'a\\'b'",
  "requirepass 'a\\'",
  'requirepass a"b c"',
  'requirepass "abc\\',
  '   # comment',
  'port 6379 # trailing',
  'appendonly',
  'requirepass ""',
  'requirepass "a"\t',
  'save ""',
  'user app on ">p w" ~* +@all',
  "user app on '>p\"w' ~*",
  'bind 127.0.0.1 "-::1',
  'masterauth "x"y"z"',
  '"port" 6379',
  'p"ort" 6379',
];

describe.skipIf(skipWithout(REDIS))('the redis oracle: redis-server refuses the lines we refuse', () => {
  it('finds redis-server', () => {
    expect(REDIS, 'redis-server is not installed: run scripts/oracle-setup.sh').toBeDefined();
  });

  it('on quoting and line forms', async () => {
    const counts = { refused: 0 };
    const problems = (await inPool(CASES, 8, (text) => compare(`case-${CASES.indexOf(text)}.conf`, `${text}\n`, counts))).flat();
    cache?.save();
    expect(problems).toEqual([]);
    // The comparison is not empty: redis refused this many of the cases for their quoting.
    expect(counts.refused).toBe(7);
  });

  it('on every redis config of the shared corpus', { timeout: 300_000 }, async () => {
    const files = corpusFiles('redis');
    expect(files.length).toBe(25);
    const problems = (await inPool(files, 8, (file) => compare(file, readFileSync(path.join(CORPUS, file), 'utf8')))).flat();
    cache?.save();
    expect(problems).toEqual([]);
  });
});
