export const CORPUS: string;
export function composeFiles(corpus?: string): string[];
export function corpusLintOptions(corpus?: string): { cwd: string; useConfig: false; useProcessEnv: false };
export function countsByRule(findings: readonly { ruleId: string; file: string }[], ids: readonly string[]): Record<string, { findings: number; files: number }>;
export interface ReviewMeta {
  id: string;
  description: string;
}
export function reviewMarkdown<M extends ReviewMeta>(input: {
  metas: readonly M[];
  levels: (meta: M) => Record<string, string>;
  projects: number;
  findings: readonly { ruleId: string; file: string; severity: string; message: string; range: { start: { line: number; column: number } } }[];
  previous?: string;
}): string;
