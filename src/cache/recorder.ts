import path from 'node:path';
import { CONFIG_NAMES } from '../config/load.js';
import { HostFiles } from '../model/host-files.js';
import { observe, sha256, type DependencyKind, type GitFacts } from './observe.js';
import { unrecorded, type Recorder } from './record.js';

/** One dependency of a lint result: what was looked at, where, and what it was. */
export type Dependency = [kind: DependencyKind, absPath: string, state: string];

/** Configuration files the cache can check by their content: JSON and YAML ones (and package.json). */
const DATA_CONFIG = /(?:^|[\\/])(?:[^\\/]*\.(?:json|ya?ml)|\.escashoprc)$/;

/**
 * Records what a lint run depends on (see `Recorder`): each path and kind once, in the state it had
 * when first looked at. A run during which something it read changed, or that loaded a configuration
 * the cache cannot check, is not cached (`uncacheable` says why).
 */
export class DependencyRecorder implements Recorder {
  private readonly seen = new Map<string, Dependency>();
  private gitFacts: GitFacts | undefined;
  /** Why this run's result must not be cached; undefined when it may be. */
  uncacheable: string | undefined;

  /** Every dependency recorded, in the order first seen. */
  get dependencies(): Dependency[] {
    return [...this.seen.values()];
  }

  private note(kind: DependencyKind, absPath: string, state?: string): void {
    const key = `${kind}\0${absPath}`;
    const before = this.seen.get(key);
    if (before && state === undefined) return;
    // The recorder's own look at the file system is not recorded (git's answers read files too).
    const now = state ?? unrecorded(() => observe(kind, absPath, () => (this.gitFacts ??= new HostFiles())));
    if (!before) this.seen.set(key, [kind, absPath, now]);
    else if (before[2] !== now) this.uncacheable ??= `${absPath} changed while it was linted`;
  }

  read(absPath: string): void {
    this.note('read', absPath);
  }

  readText(absPath: string, text: string): void {
    // The text a library read: compared with what the recorder saw before, if it looked first.
    this.note('read', absPath, `sha256:${sha256(Buffer.from(text, 'utf8'))}`);
  }

  stat(absPath: string): void {
    this.note('stat', absPath);
  }

  lstat(absPath: string): void {
    this.note('lstat', absPath);
  }

  realpath(absPath: string): void {
    this.note('realpath', absPath);
  }

  list(absPath: string): void {
    this.note('list', absPath);
  }

  git(question: 'tracked' | 'ignored', absPath: string): void {
    this.note(question, absPath);
  }

  /**
   * The configuration search from `dir`, as cosmiconfig's `project` strategy makes it: in each folder
   * upwards, every configuration name (present or not), until a folder with a package.json or
   * package.yaml, or the root.
   */
  configSearch(dir: string): void {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
      this.stat(current);
      for (const name of CONFIG_NAMES) this.read(path.join(current, name));
      const packageFiles = ['package.json', 'package.yaml'].map((name) => path.join(current, name));
      for (const file of packageFiles) this.stat(file);
      // cosmiconfig stops where a stat of either succeeds.
      const isProjectRoot = packageFiles.some((file) => !/^(?:missing|error:)/.test(this.seen.get(`stat\0${file}`)?.[2] ?? 'missing'));
      if (isProjectRoot || path.dirname(current) === current) return;
    }
  }

  configFile(absPath: string): void {
    if (!DATA_CONFIG.test(absPath)) this.uncacheable ??= `the configuration ${path.basename(absPath)} is JavaScript, which may read anything`;
  }

  plugin(configFile: string): void {
    this.uncacheable ??= `the configuration ${path.basename(configFile)} loads plugins, JavaScript which may read anything`;
  }
}
