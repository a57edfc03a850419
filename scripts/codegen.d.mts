export function codegen(options?: { force?: boolean }): string[];
