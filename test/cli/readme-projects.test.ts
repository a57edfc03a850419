import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-info.js';
import { runCli, tempProject } from './run.js';

/**
 * The README's "Projects: base + override" example, run as written: its files (code blocks whose
 * first line is `# <file name>`), its `escashop-lint …` command, and the text output it shows.
 */
function example(): { files: Record<string, string>; args: string[]; output: string } {
  const readme = readFileSync(path.join(PACKAGE_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('## Projects: base + override');
  if (start === -1) throw new Error('README.md has no "Projects: base + override" section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  const files: Record<string, string> = {};
  let args: string[] | undefined;
  let output: string | undefined;
  for (const [, lang, body] of section.matchAll(/```(\w+)\n([\s\S]*?)```/g)) {
    const named = /^# (\S+)\n/.exec(body!);
    if (named) files[named[1]!] = body!.slice(named[0].length);
    else if (lang === 'sh' && body!.startsWith('escashop-lint ')) args = body!.trim().split(/ +/).slice(1);
    else if (lang === 'text') output = body;
  }
  if (!args || output === undefined) throw new Error('the README example needs an `escashop-lint` command and a text output block');
  return { files, args, output };
}

describe('README: base + prod override example', () => {
  const { files, args, output } = example();
  const dir = tempProject(files);

  it('has a base, an override and an env file, merged with -f and --env-file', () => {
    expect(Object.keys(files).sort()).toEqual(['.env.production', 'docker-compose.prod.yml', 'docker-compose.yml']);
    expect(args).toEqual(['-f', 'docker-compose.yml', '-f', 'docker-compose.prod.yml', '--env-file', '.env.production']);
  });

  it('prints exactly the output the README shows, and exits 1', () => {
    expect(runCli(args, { cwd: dir })).toEqual({ status: 1, stdout: output, stderr: '' });
  });

  it('the override given alone is linted over the base beside it, with the base limits', () => {
    const { stdout } = runCli(['docker-compose.prod.yml'], { cwd: dir });
    expect(stdout).toMatch(/^docker-compose\.prod\.yml\n {2}1:1 +info +linted as an override of docker-compose\.yml; pass -f to choose the files +core\/overlay\n/);
    expect(stdout).toContain('compose/ingress-only-ports');
    expect(stdout).not.toContain('compose/resource-limits');
  });

  it('names the env file line as a related location in JSON', () => {
    const report = JSON.parse(runCli([...args, '--format', 'json'], { cwd: dir }).stdout) as { results: { ruleId: string; related: { file: string; line: number }[] }[] };
    const nonRoot = report.results.find((r) => r.ruleId === 'compose/non-root-user');
    expect(nonRoot?.related.map((r) => `${r.file}:${r.line}`)).toEqual(['.env.production:1']);
  });
});
