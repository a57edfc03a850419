import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/input/source.js';
import { findComments, type CommentSyntax } from '../../src/filter/directives-comments.js';
import { parseDirectives } from '../../src/filter/directives.js';

const IDS = ['compose/healthcheck', 'compose/no-privileged', 'nginx/server-tokens-off', 'redis/requirepass', 'core/schema', 'core/directive'];

function source(text: string, name = 'f'): SourceFile {
  return { name, absPath: `/tmp/${name}`, text };
}

/** Each comment as `line:column` of its `#` and its text. */
function comments(text: string, syntax: CommentSyntax): string[] {
  const lines = text.split('\n');
  return findComments(source(text), syntax).map(({ start, end }) => {
    let offset = 0;
    let line = 0;
    while (offset + lines[line]!.length + 1 <= start) offset += lines[line++]!.length + 1;
    return `${line + 1}:${start - offset + 1} ${text.slice(start, end)}`;
  });
}

/** The directives of a text, each as kind, its name's place, its rules with places, and its reason. */
function directives(text: string, syntax: CommentSyntax = 'yaml') {
  const parsed = parseDirectives(source(text), findComments(source(text), syntax), IDS);
  return {
    directives: parsed.directives.map((d) => ({
      kind: d.kind,
      at: `${d.range.start.line}:${d.range.start.column}-${d.range.end.column}`,
      rules: d.rules.map((r) => `${r.id}@${r.range.start.line}:${r.range.start.column}-${r.range.end.column}`),
      ...(d.reason === undefined ? {} : { reason: d.reason }),
    })),
    findings: parsed.findings.map((f) => `${f.range.start.line}:${f.range.start.column}-${f.range.end.column} ${f.severity} ${f.ruleId} ${f.message}`),
  };
}

describe('comments, per syntax', () => {
  it('yaml: a # in a quoted, plain or block scalar is not a comment', () => {
    const text = ['a: "x # no" # yes', "b: 'y#' #t", 'c: e#f', 'd: |', '  # inside the block', '  z', '# top', 'e: [1, # flow', '  2]', ''].join('\n');
    expect(comments(text, 'yaml')).toEqual(['1:13 # yes', '2:9 #t', '7:1 # top', '8:8 # flow']);
  });

  it('yaml: a comment before a CRLF ends before the \\r', () => {
    expect(comments('a: b # c\r\nd: e\r\n', 'yaml')).toEqual(['1:6 # c']);
  });

  it('env: whole lines, " #" after an unquoted value, and after a quoted one; not inside quotes', () => {
    const text = ['# top', 'A=1 # one', 'B=x#y', 'C="2 # not" # two', "D='multi", '# still D', "line' # three", ''].join('\n');
    expect(comments(text, 'env')).toEqual(['1:1 # top', '2:5 # one', '4:13 # two', '7:7 # three']);
  });

  it('nginx: a # in a quoted word or a Lua string is not a comment', () => {
    const text = ['# top', 'events {} # after', 'http {', '  add_header X "a # b"; # real', '  content_by_lua_block { ngx.say("# lua") }', '}', ''].join('\n');
    expect(comments(text, 'nginx')).toEqual(['1:1 # top', '2:11 # after', '4:25 # real']);
  });

  it('redis: only a line whose first character is #', () => {
    const text = ['# top', '  # indented', 'requirepass "a#b" # not a comment', ''].join('\n');
    expect(comments(text, 'redis')).toEqual(['1:1 # top', '2:3 # indented']);
  });

  it('postgresql.conf: # outside a quoted value, trailing too', () => {
    const text = ["# top", "listen_addresses = '*' # trailing", "password_encryption = 'scram#sha' #x", ''].join('\n');
    expect(comments(text, 'postgresql')).toEqual(['1:1 # top', '2:24 # trailing', '3:35 #x']);
  });

  it('pg_hba.conf: # outside double quotes, to the end of the line', () => {
    const text = ['# top', 'host all all 0.0.0.0/0 scram-sha-256 # trailing', 'host "a#b" all ::1/128 trust#glued', ''].join('\n');
    expect(comments(text, 'pg_hba')).toEqual(['1:1 # top', '2:38 # trailing', '3:29 #glued']);
  });
});

describe('parseDirectives', () => {
  it('reads the kind, the rules with their exact columns, and the reason after " -- "', () => {
    const text = [
      'services:',
      '  # escashop-lint-disable-next-line compose/healthcheck, compose/no-privileged -- a one-shot job',
      '  job:',
      '    image: x # escashop-lint-disable-line core/schema',
      '#escashop-lint-disable-file',
      '# escashop-lint-disable compose/healthcheck -- legacy',
      '# escashop-lint-enable',
      '',
    ].join('\n');
    expect(directives(text)).toEqual({
      directives: [
        { kind: 'disable-next-line', at: '2:5-36', rules: ['compose/healthcheck@2:37-56', 'compose/no-privileged@2:58-79'], reason: 'a one-shot job' },
        { kind: 'disable-line', at: '4:16-42', rules: ['core/schema@4:43-54'] },
        { kind: 'disable-file', at: '5:2-28', rules: [] },
        { kind: 'disable', at: '6:3-24', rules: ['compose/healthcheck@6:25-44'], reason: 'legacy' },
        { kind: 'enable', at: '7:3-23', rules: [] },
      ],
      findings: [],
    });
  });

  it('reports an unknown rule at its exact place, with the nearest id, and keeps the known ones', () => {
    const text = '# escashop-lint-disable-next-line compose/no-privileged,compose/helthcheck -- typo\n';
    expect(directives(text)).toEqual({
      directives: [{ kind: 'disable-next-line', at: '1:3-34', rules: ['compose/no-privileged@1:35-56'], reason: 'typo' }],
      findings: ['1:57-75 error core/directive unknown rule "compose/helthcheck" in escashop-lint-disable-next-line (did you mean "compose/healthcheck"?)'],
    });
  });

  it('suggests the full id for a bare rule name', () => {
    expect(directives('# escashop-lint-disable-line healthcheck\n').findings).toEqual([
      '1:30-41 error core/directive unknown rule "healthcheck" in escashop-lint-disable-line (did you mean "compose/healthcheck"?)',
    ]);
  });

  it('reports a misspelt directive, a missing rule list and bad separators, and drops those directives', () => {
    const text = [
      '# escashop-lint-disable-nextline compose/healthcheck',
      '# escashop-lint-disable-next-line -- no rules',
      '# escashop-lint-disable-line compose/healthcheck compose/no-privileged',
      '# escashop-lint-disable-line compose/healthcheck,',
      '# escashop-lint-disable-line ,compose/healthcheck',
      '# escashop-lint-disable-file core/directive',
      '',
    ].join('\n');
    expect(directives(text)).toEqual({
      directives: [],
      findings: [
        '1:3-33 error core/directive unknown directive "escashop-lint-disable-nextline" (did you mean "escashop-lint-disable-next-line"?); see docs/suppressions.md',
        '2:3-34 error core/directive escashop-lint-disable-next-line needs the rules it disables: # escashop-lint-disable-next-line <rule-id>[, <rule-id>...] [-- reason]',
        '3:50-71 error core/directive expected "," between rule ids, or " -- " before a reason in escashop-lint-disable-line',
        '4:49-50 error core/directive a rule id is missing after this "," in escashop-lint-disable-line',
        '5:30-31 error core/directive a rule id is missing before this "," in escashop-lint-disable-line',
        '6:30-44 error core/directive "core/directive" is about the directives themselves and cannot be disabled by one',
      ],
    });
  });

  it('ignores comments that only mention a directive, and text that is not a comment', () => {
    const text = ['# see escashop-lint-disable-line in the docs', 'a: "# escashop-lint-disable-file"', 'b: |', '  # escashop-lint-disable-file', ''].join('\n');
    expect(directives(text)).toEqual({ directives: [], findings: [] });
  });

  it('reads directives in each config syntax', () => {
    expect(directives('server_tokens on; # escashop-lint-disable-line nginx/server-tokens-off -- behind a proxy\n', 'nginx').directives).toEqual([
      { kind: 'disable-line', at: '1:21-47', rules: ['nginx/server-tokens-off@1:48-71'], reason: 'behind a proxy' },
    ]);
    expect(directives('# escashop-lint-disable-next-line redis/requirepass\nport 6379\n', 'redis').directives).toEqual([
      { kind: 'disable-next-line', at: '1:3-34', rules: ['redis/requirepass@1:35-52'] },
    ]);
    // redis reads a # after a directive as an argument, so no directive is there.
    expect(directives('port 6379 # escashop-lint-disable-line redis/requirepass\n', 'redis').directives).toEqual([]);
  });
});
