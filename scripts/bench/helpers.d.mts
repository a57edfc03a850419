export interface Target {
  id: string;
  figure: string;
  label: string;
  kind: 'at most' | 'within';
  limit: number;
  shown: string;
}
export function median(values: readonly number[]): number;
export function marginalPerService(sizes: Readonly<Record<number, { ms: number } | undefined>>, a: number, b: number): number | undefined;
export function fmt(value: number | undefined | null, digits?: number): string;
export const TARGETS: readonly Target[];
export function meets(target: Pick<Target, 'kind' | 'limit'>, value: number | undefined | null): boolean | undefined;
export function verdict(target: Pick<Target, 'kind' | 'limit'>, value: number | undefined | null): string;
export function table(rows: readonly (readonly (string | number)[])[]): string;
export function targetRows(figures: Record<string, number | undefined>): string[][];
export function deltas(previous: Record<string, number | undefined>, now: Record<string, number | undefined>): string[][];
