import { DEFAULT_POLICY, type Policy } from './policy.js';
import { loadServiceConfigs, loadStandaloneConfig } from './configs.js';
import type { ConfigKind } from './service-configs.js';
import { FILE_START } from '../parse/position.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { recorder } from '../cache/record.js';
import type { Environment } from '../engine/meta.js';
import type { Finding } from '../findings/finding.js';
import { displayName, readSource, sourceFromBytes, type ReadResult, type SourceFile } from '../input/source.js';
import type { Origin } from '../parse/position.js';
import type { YNode } from '../parse/tree.js';
import { parseYaml } from '../parse/yaml.js';
import { validateCompose } from '../schema/validate.js';
import { projectVariables, type Variable } from './env-file.js';
import { resolveExtends } from './extends.js';
import { HostFiles } from './host-files.js';
import { resolveIncludes } from './include.js';
import type { Variables } from './interpolate.js';
import { mergeDocuments } from './merge.js';
import { maskParseSecrets } from './parse-secrets.js';
import { applyProfiles } from './profiles.js';
import { interpolateTree, makeProject, withoutResets, type ComposeProject, type ModelProblem } from './project.js';

/** What makes a project, the way `docker compose` is told it. */
export interface ProjectSpec {
  /** Compose files, absolute, in `-f` order: later ones override earlier ones. */
  files: readonly string[];
  /** Base for relative paths and for the default `.env`; defaults to the first file's folder. */
  projectDir?: string;
  /** `--env-file`s, absolute, in order; when absent, `<projectDir>/.env` if it exists. */
  envFiles?: readonly string[];
  /** Active profiles; when absent every service is linted, whatever its profiles. */
  profiles?: readonly string[];
  /** Let the process environment set variables (off by default, so a lint is reproducible). */
  useProcessEnv?: boolean;
  /** Variables set by an including project, which win over this project's own env files. */
  inherited?: ReadonlyMap<string, Variable>;
}

/** A compose file read, parsed and checked once per run, however many projects use it. */
export interface ComposeDocument {
  source: SourceFile;
  /** The parsed tree, before interpolation; absent when the file is not well-formed YAML. */
  root?: YNode;
}

export interface LoadResult {
  /** Absent when none of the project's files could be read as a compose document. */
  project?: ComposeProject;
  /** Findings about the files themselves (`core/*`), of every file read: compose, env, extended, included. */
  findings: Finding[];
}

export interface LoadOptions {
  cwd: string;
  maxBytes?: number;
  environment: Environment;
}

/**
 * Loads projects: reads each file once (findings about it are reported once), interpolates with
 * the project's variables, resolves `extends` and `include`, merges the files in order, applies
 * profiles, and builds the typed model. Every node keeps the file and range it came from.
 */
export class ProjectLoader {
  private readonly documents = new Map<string, ComposeDocument | undefined>();
  private readonly texts = new Map<string, SourceFile | undefined>();
  /** Compose files parsed by `peek()` and not yet used: their findings wait for `document()`. */
  private readonly peeked = new Map<string, Parsed>();
  private readonly reported = new Set<string>();
  /** Compose files whose documents were released (`release()`): parsed again if asked for, reporting nothing twice. */
  private readonly released = new Set<string>();
  /** Findings about files, once per file. */
  readonly findings: Finding[] = [];
  /**
   * Facts about other files on this machine, shared by every project of the run. An env file a rule
   * asks about is the one this loader read, if it read it; otherwise it is read quietly (a file that
   * cannot be read is an unknown fact, not a finding).
   */
  readonly host = new HostFiles((absPath) => {
    const known = this.texts.get(absPath);
    if (known) return known;
    const read = this.read(absPath);
    return read.ok ? read.file : undefined;
  });

  constructor(private readonly options: Omit<LoadOptions, 'environment'>) {}

  /** Makes a file's text known without reading the disk (in-memory linting: the rule tester, editors). */
  addSource(source: SourceFile): void {
    this.texts.set(source.absPath, source);
  }

  /**
   * Makes a file's text known from bytes given rather than read (standard input, `-`), checked as a
   * file read from disk is: too large, binary or not UTF-8 is its `core/input` finding.
   */
  addBytes(absPath: string, bytes: Uint8Array): void {
    const name = displayName(absPath, this.options.cwd);
    this.record(absPath, sourceFromBytes(bytes, name, absPath, this.options.maxBytes));
  }

  /** Every file read so far (or that could not be read), in the order first asked for, by the name findings use. */
  filesRead(): string[] {
    return [...this.texts].map(([absPath, source]) => source?.name ?? displayName(absPath, this.options.cwd));
  }

  /** Reads a text file (compose or env) once; a read failure is a finding, then undefined. */
  text(absPath: string): SourceFile | undefined {
    if (!this.texts.has(absPath)) this.record(absPath, this.read(absPath));
    return this.texts.get(absPath);
  }

  /** Reads, parses and schema-checks a compose file once. */
  document(absPath: string): ComposeDocument | undefined {
    if (!this.documents.has(absPath)) {
      const parsed = this.peeked.get(absPath) ?? this.parse(absPath);
      this.peeked.delete(absPath);
      if (parsed.read && !this.texts.has(absPath)) this.record(absPath, parsed.read);
      if (!this.released.has(absPath)) this.findings.push(...parsed.findings);
      this.documents.set(absPath, parsed.doc);
    }
    return this.documents.get(absPath);
  }

  /**
   * Lets go of the parsed compose files that `keep` does not name, so that a run over many projects
   * holds the trees of one project at a time rather than of all. Their texts stay (inline directives
   * are read from them at the end). A released file asked for again is parsed again from its text;
   * its findings were reported the first time.
   */
  release(keep: (absPath: string) => boolean): void {
    for (const absPath of this.documents.keys()) {
      if (keep(absPath)) continue;
      this.documents.delete(absPath);
      this.released.add(absPath);
    }
  }

  /**
   * A compose file's tree as written, without reporting anything about the file: for deciding
   * whether a project uses it at all. A later `document()` reuses the parse and reports its findings.
   */
  peek(absPath: string): YNode | undefined {
    if (this.documents.has(absPath)) return this.documents.get(absPath)?.root;
    let parsed = this.peeked.get(absPath);
    if (!parsed) this.peeked.set(absPath, (parsed = this.parse(absPath)));
    return parsed.doc?.root;
  }

  /** Records a finding about a file unless the same one is already recorded (a config read for two services). */
  private reportOnce(finding: Finding): void {
    const key = JSON.stringify([finding.ruleId, finding.file, finding.range, finding.message]);
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.findings.push(finding);
  }

  private read(absPath: string): ReadResult {
    return readSource(absPath, { cwd: this.options.cwd, ...(this.options.maxBytes === undefined ? {} : { maxBytes: this.options.maxBytes }) });
  }

  private record(absPath: string, read: ReadResult): void {
    this.texts.set(absPath, read.ok ? read.file : undefined);
    if (!read.ok) this.findings.push(read.finding);
  }

  /** Reads (unless already known) and parses a compose file, keeping what is found about it apart. */
  private parse(absPath: string): Parsed {
    const read = this.texts.has(absPath) ? undefined : this.read(absPath);
    const source = read ? (read.ok ? read.file : undefined) : this.texts.get(absPath);
    const parsed: Parsed = { findings: [], ...(read ? { read } : {}) };
    if (!source) return parsed;
    const yaml = parseYaml(source);
    parsed.findings.push(...yaml.findings);
    parsed.doc = { source };
    // After a syntax error the tree is a guess: schema errors and rule findings on it would be noise.
    if (yaml.root !== undefined && yaml.wellFormed) {
      parsed.findings.push(...validateCompose(yaml.root, source));
      parsed.doc.root = yaml.root;
    }
    // A code frame shows the line of a syntax or schema error, which may hold a secret no rule reports.
    maskParseSecrets(parsed.findings, source.text, yaml.lines, parsed.doc.root);
    return parsed;
  }

  /** Loads one project. */
  load(spec: ProjectSpec, environment: Environment, policy: Policy = DEFAULT_POLICY): LoadResult {
    const before = this.findings.length;
    const problems: ModelProblem[] = [];
    const built = this.tree(spec, problems, []);
    const findings = this.findings.slice(before);
    if (!built) return { findings };
    const names = built.files.map((f) => this.documents.get(f)?.source.name ?? f);
    const project = makeProject(built.tree, {
      files: names,
      environment,
      problems,
      variableOrigins: built.variableOrigins,
      directory: built.projectDir,
      envFiles: built.envFiles,
      host: this.host,
      policy,
    });
    const configs = project.services.flatMap((service) => {
      const found: Finding[] = [];
      const loaded = loadServiceConfigs(service, project.root, built.projectDir, this, found);
      for (const finding of found) this.reportOnce(finding);
      return loaded ? [loaded] : [];
    });
    return { project: { ...project, configs }, findings: this.findings.slice(before) };
  }

  /**
   * Loads a config file linted on its own (`escashop-lint nginx.conf`) as a project without compose
   * services: its one set of configs is the file and what it includes. Undefined project when the
   * file cannot be read (its `core/input` finding says why).
   */
  loadConfig(absPath: string, kind: ConfigKind, environment: Environment, policy: Policy = DEFAULT_POLICY): LoadResult {
    const before = this.findings.length;
    const source = this.text(absPath);
    if (!source) return { findings: this.findings.slice(before) };
    const found: Finding[] = [];
    const configs = loadStandaloneConfig(source, kind, this, found);
    for (const finding of found) this.reportOnce(finding);
    const root: YNode = { kind: 'map', entries: [], index: new Map(), origin: { file: source.name, range: FILE_START } };
    const project = makeProject(root, { files: [source.name], environment, problems: [], directory: path.dirname(absPath), host: this.host, policy });
    return { project: { ...project, configs: [configs] }, findings: this.findings.slice(before) };
  }

  /**
   * The effective tree of a project: interpolated, extended, merged, included, reset and filtered
   * by profile. `chain` is the stack of projects being included, for cycle detection.
   */
  tree(spec: ProjectSpec, problems: ModelProblem[], chain: readonly string[]): BuiltTree | undefined {
    const projectDir = spec.projectDir ?? path.dirname(spec.files[0] ?? this.options.cwd);
    if (spec.envFiles === undefined) recorder()?.stat(path.join(projectDir, '.env'));
    const envFiles = spec.envFiles ?? [path.join(projectDir, '.env')].filter((f) => existsSync(f));
    const { variables, origins } = projectVariables(
      { envFiles, useProcessEnv: spec.useProcessEnv ?? false, ...(spec.inherited ? { inherited: spec.inherited } : {}) },
      this,
    );
    const files: string[] = [];
    const context: LoadContext = { loader: this, projectDir, variables, variableOrigins: origins, problems, chain, spec, files };
    let merged: YNode | undefined;
    for (const file of spec.files) {
      const doc = this.document(file);
      if (!doc?.root) continue;
      if (!files.includes(file)) files.push(file);
      const tree = resolveExtends(interpolateTree(doc.root, variables, problems), file, context);
      merged = merged === undefined ? tree : mergeDocuments(merged, tree);
    }
    if (merged === undefined) return undefined;
    merged = resolveIncludes(merged, context, files);
    return { tree: applyProfiles(withoutResets(merged), spec.profiles), files, variableOrigins: origins, projectDir, envFiles };
  }
}

/** A compose file read and parsed, its findings not yet reported; `read` is absent when its text was already known. */
interface Parsed {
  read?: ReadResult;
  doc?: ComposeDocument;
  /** What the parse and the schema check found (a read failure is in `read`). */
  findings: Finding[];
}

/** A project's effective tree and what it was built from. */
export interface BuiltTree {
  tree: YNode;
  /** Compose files read, absolute: the `-f` files, then extended and included ones. */
  files: string[];
  variableOrigins: ReadonlyMap<string, Origin>;
  projectDir: string;
  envFiles: readonly string[];
}

/** What `extends` and `include` need from the project being loaded. */
export interface LoadContext {
  loader: ProjectLoader;
  projectDir: string;
  variables: Variables;
  /**
   * Where each variable was set (env file line), for findings on values that came from one; an
   * included project adds the variables only its own env files set.
   */
  variableOrigins: Map<string, Origin>;
  problems: ModelProblem[];
  chain: readonly string[];
  spec: ProjectSpec;
  /** Every compose file the project is built from, in the order first read: `-f` files, extended and included ones. */
  files: string[];
}
