export function codegen(options?: { force?: boolean }): boolean;
