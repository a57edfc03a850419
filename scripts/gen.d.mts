export function ruleIds(): string[];
export function registrySource(ids?: string[]): string;
