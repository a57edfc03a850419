import { readFileSync } from 'node:fs';
import path from 'node:path';
import { includedProjectDir } from '../../src/model/include.js';
import { keyText, type YNode } from '../../src/parse/tree.js';
import type { ComposePort } from './compose129.js';

/**
 * The parts of a service that rules depend on, in one shape both sides are brought to: ours from the
 * effective tree, docker-compose 1.29's from what its `config` loaded. docs/oracle.md says why each
 * normalization is there.
 */
export interface ServiceView {
  image?: string;
  user?: string;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string | null>;
  /** `host_ip|published|target|protocol`, sorted, one per port (ranges expanded as 1.29 does). */
  ports?: string[];
  expose?: string[];
  cap_add?: string[];
  cap_drop?: string[];
  healthcheck?: { disabled: boolean; test?: string[] };
  limits?: { cpus?: number; memory?: string; pids?: number };
  mem_limit?: string;
  cpus?: number;
  /** `type|source|target`, sorted; bind sources absolute. */
  volumes?: string[];
  profiles?: string[];
  labels?: Record<string, string>;
  networks?: string[];
  network_mode?: string;
  /** `build.args`, after interpolation. */
  build_args?: Record<string, string>;
}

export type ProjectView = Record<string, ServiceView>;

type Json = unknown;
type JsonMap = Record<string, Json>;

function isObject(value: Json): value is JsonMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// ---------------------------------------------------------------------------------------------
// YAML 1.1: docker-compose 1.29 reads YAML with PyYAML, which resolves plain scalars by YAML 1.1
// rules (yes/no/on/off are booleans, 0755 is octal, 1:30 is base 60, 1e3 is a string). Our tree
// follows YAML 1.2. To compare values, our plain scalars are re-read the way PyYAML reads them.

const BOOL_11 = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT_11 = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const FLOAT_11 = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const NULL_11 = /^(?:~|null|Null|NULL|)$/;

function base60(text: string): number {
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

/** The value PyYAML gives a plain scalar. */
export function yaml11(text: string): string | number | boolean | null {
  if (NULL_11.test(text)) return null;
  if (BOOL_11.test(text)) return /^(?:yes|true|on)$/i.test(text);
  if (INT_11.test(text)) {
    let t = text.replace(/_/g, '');
    let sign = 1;
    if (t[0] === '-' || t[0] === '+') {
      if (t[0] === '-') sign = -1;
      t = t.slice(1);
    }
    if (t === '0') return 0;
    if (t.startsWith('0b')) return sign * parseInt(t.slice(2), 2);
    if (t.startsWith('0x')) return sign * parseInt(t.slice(2), 16);
    if (t.startsWith('0')) return sign * parseInt(t, 8);
    if (t.includes(':')) return sign * base60(t);
    return sign * Number(t);
  }
  if (FLOAT_11.test(text)) {
    let t = text.replace(/_/g, '').toLowerCase();
    let sign = 1;
    if (t[0] === '-' || t[0] === '+') {
      if (t[0] === '-') sign = -1;
      t = t.slice(1);
    }
    if (t === '.inf') return sign * Infinity;
    if (t === '.nan') return NaN;
    if (t.includes(':')) {
      const [whole, frac] = t.split('.');
      return sign * (base60(whole!) + Number(`0.${frac ?? ''}`));
    }
    return sign * Number(t);
  }
  return text;
}

/**
 * Plain JavaScript value of a subtree, as PyYAML reads the file: plain scalars resolved by YAML 1.1,
 * and a block scalar that ends the file without a final line break without a trailing newline
 * (PyYAML's and libyaml's reading; our parser keeps the newline: docs/oracle.md).
 */
export function toJS11(node: YNode, endsFile: (node: YNode) => boolean = () => false): Json {
  switch (node.kind) {
    case 'scalar':
      // Interpolation runs after YAML parsing in both: an interpolated scalar stays a string.
      if (node.style === 'plain' && node.interpolation === undefined && node.source !== undefined && node.tag === undefined) return yaml11(node.source);
      if (node.style === 'block' && typeof node.value === 'string' && node.value.endsWith('\n') && endsFile(node)) return node.value.slice(0, -1);
      return node.value;
    case 'seq':
      return node.items.map((item) => toJS11(item, endsFile));
    case 'map': {
      const out: JsonMap = {};
      for (const { key, value } of node.entries) out[keyText(key)] = toJS11(value, endsFile);
      return out;
    }
  }
}

const fileTexts = new Map<string, string>();

/** True when the node's text runs to the end of a file that has no final line break. */
export function endsFileWithoutNewline(node: YNode, cwd: string): boolean {
  const file = path.resolve(cwd, node.origin.file);
  if (!fileTexts.has(file)) fileTexts.set(file, readFileSync(file, 'utf8'));
  const text = fileTexts.get(file)!;
  if (text.endsWith('\n')) return false;
  return node.origin.range.end.line >= text.split('\n').length;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers.

/** A scalar as text; booleans and numbers as JavaScript writes them. */
function text(value: Json): string {
  return typeof value === 'string' ? value : String(value);
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Splits a command string into words as a POSIX shell would (quotes, backslashes), like Compose v2 does. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      const stop = end === -1 ? line.length : end;
      word += line.slice(i + 1, stop);
      i = stop;
      inWord = true;
    } else if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length && '"\\$`\n'.includes(line[i + 1]!)) i++;
        word += line[i]!;
        i++;
      }
      inWord = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i]!;
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

function commandOf(value: Json): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(text);
  return shellWords(text(value));
}

/** `KEY=VALUE` list or mapping, as a mapping; a bare `KEY` (or a null value) is null. */
function keyValues(value: Json, separator: 'env' | 'label'): Record<string, Json> {
  const out: Record<string, Json> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      const s = text(item);
      const eq = s.indexOf('=');
      if (eq === -1) out[s] = separator === 'env' ? null : '';
      else out[s.slice(0, eq)] = s.slice(eq + 1);
    }
  } else if (isObject(value)) {
    Object.assign(out, value);
  }
  return out;
}

function networkNames(value: Json): string[] | undefined {
  if (Array.isArray(value)) return sortedUnique(value.map(text));
  if (isObject(value)) return sortedUnique(Object.keys(value));
  return undefined;
}

function healthcheckOf(value: Json): ServiceView['healthcheck'] {
  if (!isObject(value)) return undefined;
  const test = value.test;
  const words = typeof test === 'string' ? ['CMD-SHELL', test] : Array.isArray(test) ? test.map(text) : undefined;
  if (value.disable === true || words?.[0] === 'NONE') return { disabled: true };
  return words ? { disabled: false, test: words } : { disabled: false };
}

function limitsOf(value: Json): ServiceView['limits'] {
  const limits = isObject(value) && isObject(value.resources) ? value.resources.limits : undefined;
  if (!isObject(limits)) return undefined;
  const out: NonNullable<ServiceView['limits']> = {};
  if (limits.cpus !== undefined && limits.cpus !== null) out.cpus = Number(limits.cpus);
  if (limits.memory !== undefined && limits.memory !== null) out.memory = text(limits.memory).toLowerCase();
  if (limits.pids !== undefined && limits.pids !== null) out.pids = Number(limits.pids);
  return out;
}

/** Normalized POSIX path: no `.`/`..` segments, no trailing slash (Python's os.path.normpath). */
function normpath(p: string): string {
  if (p === '') return '.';
  const n = path.posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

function port(ip: string | null | undefined, published: Json, target: Json, protocol: Json): string {
  const pub = published === null || published === undefined || published === '' ? '' : text(published);
  const proto = protocol === null || protocol === undefined || protocol === '' ? 'tcp' : text(protocol);
  return `${ip ?? ''}|${pub}|${text(target)}|${proto}`;
}

function range(spec: string): string[] {
  const [start, end] = spec.split('-');
  if (end === undefined) return [spec];
  const out: string[] = [];
  for (let p = Number(start); p <= Number(end); p++) out.push(String(p));
  return out;
}

/**
 * A short-syntax port, `[[IP:]PUBLISHED[-END]:]TARGET[-END][/PROTOCOL]`, one entry per port of a
 * range (a published range on a single target stays one entry, as in Compose).
 */
function shortPorts(spec: string): string[] {
  const slash = spec.lastIndexOf('/');
  const protocol = slash === -1 ? 'tcp' : spec.slice(slash + 1);
  const body = slash === -1 ? spec : spec.slice(0, slash);
  const parts = body.split(':');
  const targetSpec = parts.pop()!;
  const publishedSpec = parts.length > 0 ? parts.pop()! : undefined;
  const ip = parts.length > 0 ? parts.join(':').replace(/^\[(.*)\]$/, '$1') : undefined;
  const targets = range(targetSpec);
  if (publishedSpec === undefined || publishedSpec === '') return targets.map((t) => port(ip, null, t, protocol));
  if (targets.length === 1) return [port(ip, publishedSpec, targets[0], protocol)];
  const published = range(publishedSpec);
  return targets.map((t, i) => port(ip, published[i] ?? null, t, protocol));
}

// ---------------------------------------------------------------------------------------------
// Our side: the effective tree (after interpolation, extends, merge, include, reset).

export interface OurContext {
  projectDir: string;
  /** The compose files of the project, absolute: paths written in them start from the project directory. */
  files: readonly string[];
  /** Where origins' file names start from. */
  cwd: string;
  home: string;
  /** The project's variables: Compose gives a bare `environment` entry the variable's value. */
  variables: ReadonlyMap<string, string>;
  endsFile: (node: YNode) => boolean;
}

/**
 * The folder a service's relative paths start from: the included project's directory for a service
 * from an `include`, the extended file's folder for a value from a file reached by `extends`, else the
 * project directory.
 */
function baseDirOf(node: YNode, service: YNode, context: OurContext): string {
  const included = includedProjectDir(service);
  if (included) return included;
  const file = path.resolve(context.cwd, node.origin.file);
  return context.files.includes(file) ? context.projectDir : path.dirname(file);
}

function ourVolume(item: YNode, service: YNode, context: OurContext): string | undefined {
  const value = toJS11(item, context.endsFile);
  const resolve = (source: string): string => {
    if (source === '~' || source.startsWith('~/')) return normpath(context.home + source.slice(1));
    return normpath(path.resolve(baseDirOf(item, service, context), source));
  };
  if (typeof value === 'string') {
    const parts = value.split(':');
    if (parts.length === 1) return `volume||${normpath(parts[0]!)}`;
    const source = parts[0]!;
    const target = normpath(parts[1]!);
    if (source.startsWith('.') || source.startsWith('~')) return `bind|${resolve(source)}|${target}`;
    if (source.startsWith('/')) return `bind|${normpath(source)}|${target}`;
    return `volume|${source}|${target}`;
  }
  if (!isObject(value)) return undefined;
  const type = text(value.type ?? 'volume');
  let source = value.source === undefined || value.source === null ? '' : text(value.source);
  if (type === 'bind' && (source.startsWith('.') || source.startsWith('~'))) source = resolve(source);
  else if (source !== '') source = normpath(source);
  return `${type}|${source}|${normpath(text(value.target))}`;
}

function ourPorts(value: Json): string[] {
  if (!Array.isArray(value)) return [];
  const out: string[] = [];
  for (const item of value) {
    if (isObject(item)) {
      // docker-compose 1.29 drops `host_ip` of the long syntax: compared without it.
      const published = item.published;
      const targets = range(text(item.target));
      for (const t of targets) out.push(port(null, published ?? null, t, item.protocol ?? null));
    } else {
      out.push(...shortPorts(text(item)));
    }
  }
  return sortedUnique(out);
}

/** Labels and build arguments: 1.29 turns a non-string value into a string with Python's str() (True, False). */
function pythonStr(value: Json): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  return text(value);
}

/** Fields both sides write the same way once parsed: image, user, command, entrypoint. */
function plainFields(s: JsonMap): ServiceView {
  const view: ServiceView = {};
  if (s.image !== undefined && s.image !== null) view.image = text(s.image);
  if (s.user !== undefined && s.user !== null) view.user = text(s.user);
  const command = commandOf(s.command);
  if (command) view.command = command;
  const entrypoint = commandOf(s.entrypoint);
  if (entrypoint) view.entrypoint = entrypoint;
  return view;
}

/** Fields both sides write the same way once parsed: expose, capabilities, healthcheck, limits. */
function listAndLimitFields(s: JsonMap): ServiceView {
  const view: ServiceView = {};
  if (Array.isArray(s.expose)) view.expose = sortedUnique(s.expose.map(text));
  if (Array.isArray(s.cap_add)) view.cap_add = sortedUnique(s.cap_add.map(text));
  if (Array.isArray(s.cap_drop)) view.cap_drop = sortedUnique(s.cap_drop.map(text));
  const healthcheck = healthcheckOf(s.healthcheck);
  if (healthcheck) view.healthcheck = healthcheck;
  const limits = limitsOf(s.deploy);
  if (limits) view.limits = limits;
  if (s.mem_limit !== undefined && s.mem_limit !== null) view.mem_limit = text(s.mem_limit).toLowerCase();
  if (s.cpus !== undefined && s.cpus !== null) view.cpus = Number(s.cpus);
  return view;
}

export function ourService(node: YNode, context: OurContext): ServiceView {
  const s = toJS11(node, context.endsFile);
  if (!isObject(s) || node.kind !== 'map') return {};
  const view: ServiceView = plainFields(s);
  if (s.environment !== undefined && s.environment !== null) {
    const env: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(keyValues(s.environment, 'env'))) {
      env[k] = v === null ? (context.variables.get(k) ?? null) : text(v);
    }
    view.environment = env;
  }
  if (s.ports !== undefined) view.ports = ourPorts(s.ports);
  Object.assign(view, listAndLimitFields(s));
  const volumes = node.index.get('volumes')?.value;
  if (volumes?.kind === 'seq') {
    view.volumes = sortedUnique(volumes.items.map((item) => ourVolume(item, node, context)).filter((v): v is string => v !== undefined));
  }
  if (Array.isArray(s.profiles)) view.profiles = sortedUnique(s.profiles.map(text));
  if (s.labels !== undefined && s.labels !== null) {
    view.labels = Object.fromEntries(Object.entries(keyValues(s.labels, 'label')).map(([k, v]) => [k, v === null ? '' : pythonStr(v)]));
  }
  const networks = networkNames(s.networks);
  if (networks) view.networks = networks;
  if (s.network_mode !== undefined && s.network_mode !== null) view.network_mode = text(s.network_mode);
  if (isObject(s.build) && s.build.args !== undefined && s.build.args !== null) {
    // 1.29 writes every build argument as text: an unset one (a bare name without a variable) as ''.
    view.build_args = Object.fromEntries(
      Object.entries(keyValues(s.build.args, 'env')).map(([k, v]) => [k, v === null ? (context.variables.get(k) ?? '') : pythonStr(v)]),
    );
  }
  return dropEmpty(view);
}

// ---------------------------------------------------------------------------------------------
// docker-compose 1.29's side: its loaded services (compose129.py writes ports and volumes with all
// their fields).

function composeVolume(value: Json): string | undefined {
  if (!isObject(value)) return undefined;
  if (value.kind === 'short') {
    const internal = normpath(text(value.internal));
    if (value.external === null || value.external === undefined) return `volume||${internal}`;
    // os.path.normpath('') is '.': an empty source (an unset variable) comes out as '.'; a real `.`
    // would have been made absolute before.
    const external = value.external === '.' ? '' : text(value.external);
    if (external === '') return `volume||${internal}`;
    return external.startsWith('/') ? `bind|${external}|${internal}` : `volume|${external}|${internal}`;
  }
  const source = value.source === undefined || value.source === null ? '' : text(value.source);
  return `${text(value.type)}|${source}|${normpath(text(value.target))}`;
}

export function composeService(s: JsonMap): ServiceView {
  const view: ServiceView = plainFields(s);
  if (isObject(s.environment)) {
    view.environment = Object.fromEntries(Object.entries(s.environment).map(([k, v]) => [k, v === null ? null : text(v)]));
  }
  if (Array.isArray(s.ports)) {
    view.ports = sortedUnique((s.ports as ComposePort[]).map((p) => port(p.external_ip, p.published, p.target, p.protocol)));
  }
  Object.assign(view, listAndLimitFields(s));
  if (Array.isArray(s.volumes)) view.volumes = sortedUnique(s.volumes.map(composeVolume).filter((v): v is string => v !== undefined));
  if (Array.isArray(s.profiles)) view.profiles = sortedUnique(s.profiles.map(text));
  if (isObject(s.labels)) view.labels = Object.fromEntries(Object.entries(s.labels).map(([k, v]) => [k, v === null ? '' : pythonStr(v)]));
  const networks = networkNames(s.networks);
  if (networks) view.networks = networks;
  if (s.network_mode !== undefined && s.network_mode !== null) view.network_mode = text(s.network_mode);
  if (isObject(s.build) && isObject(s.build.args)) view.build_args = Object.fromEntries(Object.entries(s.build.args).map(([k, v]) => [k, text(v)]));
  return dropEmpty(view);
}

/** An empty list or mapping says the same as an absent key. */
function dropEmpty(view: ServiceView): ServiceView {
  for (const [key, value] of Object.entries(view)) {
    if ((Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0 && key !== 'healthcheck')) {
      delete (view as Record<string, unknown>)[key];
    }
  }
  return view;
}

// ---------------------------------------------------------------------------------------------

export interface Difference {
  service: string;
  field: string;
  ours: unknown;
  theirs: unknown;
}

/** Field-by-field differences between two views of a project (a service on one side only is a difference of `(service)`). */
export function compareProjects(ours: ProjectView, theirs: ProjectView): Difference[] {
  const out: Difference[] = [];
  for (const name of sortedUnique([...Object.keys(ours), ...Object.keys(theirs)])) {
    const a = ours[name];
    const b = theirs[name];
    if (!a || !b) {
      out.push({ service: name, field: '(service)', ours: a ? 'present' : 'absent', theirs: b ? 'present' : 'absent' });
      continue;
    }
    for (const field of sortedUnique([...Object.keys(a), ...Object.keys(b)])) {
      const x = (a as Record<string, unknown>)[field];
      const y = (b as Record<string, unknown>)[field];
      if (!same(x, y)) out.push({ service: name, field, ours: x, theirs: y });
    }
  }
  return out;
}

function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return same(ka, kb) && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
