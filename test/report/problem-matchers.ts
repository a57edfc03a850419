/**
 * VS Code's built-in `$eslint-compact` problem matcher's pattern, as it ships: file, line, column,
 * severity, message, code. The compact format's tests and the editor tasks' tests read output with it.
 */
export const ESLINT_COMPACT = /^(.+):\sline\s(\d+),\scol\s(\d+),\s(Error|Warning|Info)\s-\s(.+)\s\((.+)\)$/;
