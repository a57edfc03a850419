import type { Command } from './command.js';
import { commandWords, invocationsOf, type Invocation } from './invocations.js';
import type { Service } from './service.js';
import type { Text } from './text.js';

/**
 * Which port of its own container a service's healthcheck connects to, read from the programs its
 * `test` runs: `curl` and `wget` (an `http://` or `https://` URL, or a bare `localhost:8080/path`),
 * `nc` (`nc -z localhost 8080`), a shell's `/dev/tcp/localhost/8080`, `redis-cli` (`-p`, `-u
 * redis://…`) and `pg_isready` (`-p`, `--port`, else `PGPORT`). Only probes of the container itself
 * count (`localhost`, `127.0.0.1`, `::1`, `0.0.0.0`, or no host for redis-cli and pg_isready); a
 * probe of another host, through a proxy, a unix socket or a `--connect-to`, is left out.
 */

export type ProbeTool = 'http' | 'nc' | 'dev-tcp' | 'redis-cli' | 'pg_isready';

export interface HealthcheckProbe {
  readonly tool: ProbeTool;
  /** The program's invocation (for `dev-tcp`, none). */
  readonly invocation?: Invocation;
  /** The port probed. */
  readonly port: number;
  /**
   * The text that says the port: the port in the URL or the `-p` value; when the port is the tool's
   * default, the URL or the program word (`defaulted` is then set).
   */
  readonly at: Text;
  /** How the port was chosen when nothing in the test writes it: `http`, `https`, `PGPORT`, the tool's default. */
  readonly defaulted?: string;
  /** For `http`: the scheme. */
  readonly scheme?: 'http' | 'https';
}

/** Host names by which a container reaches itself. */
const SELF = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0', '']);

/** The words a healthcheck's shell runs: `CMD` and `CMD-SHELL` dropped (a shell-form string is run by a shell as it is). */
export function healthcheckCommand(test: Command | undefined): Command | undefined {
  if (!test) return undefined;
  const first = test.words[0]?.value;
  if (test.form === 'exec') return first === 'CMD' || first === 'CMD-SHELL' ? { ...test, words: test.words.slice(1) } : undefined;
  return test;
}

/** `http://localhost:8080/x`, `https://[::1]/`, `localhost:8080/health`: scheme, host and port (as offsets in the word). */
function urlOf(word: string): { scheme: 'http' | 'https'; host: string; port?: [number, number] } | undefined {
  const m = /^(?:(https?):\/\/)?(\[[^\]]*\]|[^/:?#@\s]+)(?::(\d+))?(?:[/?#]|$)/i.exec(word);
  if (!m) return undefined;
  const host = m[2]!.toLowerCase();
  if (!m[1] && !SELF.has(host)) return undefined;
  const scheme = (m[1]?.toLowerCase() ?? 'http') as 'http' | 'https';
  if (m[3] === undefined) return { scheme, host };
  const start = (m[1] ? m[1].length + 3 : 0) + m[2]!.length + 1;
  return { scheme, host, port: [start, start + m[3].length] };
}

/** curl and wget options that send the request elsewhere than the URL says (wget's `-e` runs a wgetrc command such as `use_proxy`; for curl it is only the referer, and skipping it is safe). */
const REROUTE = /^(?:-x|--proxy|--connect-to|--unix-socket|--abstract-unix-socket|--resolve|--preproxy|-e)(?:=|$)/;

function httpProbes(invocation: Invocation): HealthcheckProbe[] {
  if (invocation.args.some((a) => REROUTE.test(a.value))) return [];
  return invocation.args.flatMap((word): HealthcheckProbe[] => {
    const url = urlOf(word.value);
    if (!url || !SELF.has(url.host)) return [];
    if (url.port) return [{ tool: 'http', invocation, port: Number(word.value.slice(...url.port)), at: word.slice(...url.port), scheme: url.scheme }];
    return [{ tool: 'http', invocation, port: url.scheme === 'https' ? 443 : 80, at: word, defaulted: url.scheme, scheme: url.scheme }];
  });
}

/** nc's options that take a value (OpenBSD, traditional and busybox netcat). */
const NC_VALUED = new Set(['-w', '-i', '-s', '-p', '-q', '-W', '-X', '-x', '-T', '-I', '-O', '-V', '-M', '-m', '-e', '-c']);

function ncProbe(invocation: Invocation): HealthcheckProbe[] {
  const positional: Text[] = [];
  for (let i = 0; i < invocation.args.length; i++) {
    const word = invocation.args[i]!;
    if (NC_VALUED.has(word.value) || word.value === '-U') {
      if (word.value === '-U' || word.value === '-x' || word.value === '-X') return [];
      i++;
    } else if (!word.value.startsWith('-')) positional.push(word);
  }
  const [host, port] = positional;
  if (!host || !port || !SELF.has(host.value.toLowerCase()) || !/^\d+$/.test(port.value)) return [];
  return [{ tool: 'nc', invocation, port: Number(port.value), at: port }];
}

/** `/dev/tcp/localhost/8080` (bash's redirection target) anywhere in the test. */
function devTcpProbes(command: Command): HealthcheckProbe[] {
  return commandWords(command).flatMap((word) => {
    const m = /\/dev\/tcp\/([^/\s]+)\/(\d+)/.exec(word.value);
    if (!m || !SELF.has(m[1]!.toLowerCase())) return [];
    const start = m.index + m[0].length - m[2]!.length;
    return [{ tool: 'dev-tcp' as const, port: Number(m[2]), at: word.slice(start, start + m[2]!.length) }];
  });
}

/** An option's value: `-p 6380`, `-p6380`, `--port 6380`, `--port=6380` (the last one given). */
function optionValue(args: readonly Text[], short: string | undefined, long: string | undefined): Text | undefined {
  let found: Text | undefined;
  args.forEach((arg, i) => {
    const v = arg.value;
    if (v === short || v === long) found = args[i + 1] ?? found;
    else if (short && v.startsWith(short) && !v.startsWith('--') && v.length > short.length) found = arg.slice(short.length);
    else if (long && v.startsWith(`${long}=`)) found = arg.slice(long.length + 1);
  });
  return found;
}

function redisCliProbe(invocation: Invocation): HealthcheckProbe[] {
  const { args } = invocation;
  if (optionValue(args, '-s', undefined)) return [];
  const uri = optionValue(args, '-u', undefined);
  if (uri) {
    const m = /^rediss?:\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/?]*)(?::(\d+))?/i.exec(uri.value);
    if (!m || !SELF.has(m[1]!.toLowerCase())) return [];
    if (m[2] === undefined) return [{ tool: 'redis-cli', invocation, port: 6379, at: uri, defaulted: "redis-cli's default" }];
    const start = m[0].length - m[2].length;
    return [{ tool: 'redis-cli', invocation, port: Number(m[2]), at: uri.slice(start, start + m[2].length) }];
  }
  const host = optionValue(args, '-h', undefined);
  if (host && !SELF.has(host.value.toLowerCase())) return [];
  const port = optionValue(args, '-p', undefined);
  if (!port) return [{ tool: 'redis-cli', invocation, port: 6379, at: invocation.program, defaulted: "redis-cli's default" }];
  return /^\d+$/.test(port.value) ? [{ tool: 'redis-cli', invocation, port: Number(port.value), at: port }] : [];
}

/** The socket directories the postgres images use, and loopback: the server pg_isready reaches is the container's own. */
function isOwnPostgresHost(host: string): boolean {
  return SELF.has(host.toLowerCase()) || host.startsWith('/');
}

function pgIsreadyProbe(invocation: Invocation, service: Service): HealthcheckProbe[] {
  const { args } = invocation;
  const host = optionValue(args, '-h', '--host');
  if (host && !isOwnPostgresHost(host.value)) return [];
  const envHost = service.environmentVariable('PGHOST')?.value?.value.trim();
  if (!host && envHost && !isOwnPostgresHost(envHost)) return [];
  // A connection string in -d may name its own host and port.
  const db = optionValue(args, '-d', '--dbname');
  if (db && /[=]|:\/\//.test(db.value)) return [];
  const port = optionValue(args, '-p', '--port');
  if (port) return /^\d+$/.test(port.value) ? [{ tool: 'pg_isready', invocation, port: Number(port.value), at: port }] : [];
  const envPort = Number(service.environmentVariable('PGPORT')?.value?.value.trim());
  if (Number.isInteger(envPort) && envPort > 0) return [{ tool: 'pg_isready', invocation, port: envPort, at: invocation.program, defaulted: 'PGPORT' }];
  return [{ tool: 'pg_isready', invocation, port: 5432, at: invocation.program, defaulted: "pg_isready's default" }];
}

/** The probes of the service's own ports its healthcheck makes, in the order its test runs them. */
export function healthcheckProbes(service: Service): HealthcheckProbe[] {
  const healthcheck = service.healthcheck;
  if (!healthcheck || healthcheck.disabledBy) return [];
  const command = healthcheckCommand(healthcheck.test);
  if (!command) return [];
  const probes = invocationsOf(command).flatMap((invocation): HealthcheckProbe[] => {
    switch (invocation.name) {
      case 'curl':
      case 'wget':
        return httpProbes(invocation);
      case 'nc':
      case 'netcat':
      case 'ncat':
        return ncProbe(invocation);
      case 'redis-cli':
      case 'valkey-cli':
      case 'keydb-cli':
        return redisCliProbe(invocation);
      case 'pg_isready':
        return pgIsreadyProbe(invocation, service);
      default:
        return [];
    }
  });
  return [...probes, ...devTcpProbes(command)];
}

/**
 * Whether a redis-cli invocation gives a password: `-a`, `--pass`, `--askpass`, a `-u` URI with a
 * password, `REDISCLI_AUTH` set before it in the test (`REDISCLI_AUTH=… redis-cli`, `export
 * REDISCLI_AUTH=…`) or in the service's environment.
 */
export function redisCliAuthenticates(invocation: Invocation, command: Command, service: Service): boolean {
  const { args } = invocation;
  if (args.some((a) => a.value === '-a' || a.value === '--pass' || a.value === '--askpass' || a.value.startsWith('--pass='))) return true;
  const uri = optionValue(args, '-u', undefined);
  if (uri && /^rediss?:\/\/[^@/]*:[^@/]+@/i.test(uri.value)) return true;
  if (commandWords(command).some((w) => /^REDISCLI_AUTH=./.test(w.value))) return true;
  const env = service.environmentVariable('REDISCLI_AUTH');
  // A value from a variable counts even when the variable is not set here: the deploy host sets it.
  return env !== undefined && (env.value === undefined || env.value.value.trim() !== '' || env.value.variables.length > 0);
}
