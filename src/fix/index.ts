/** The edit library `--fix` is made of (docs/fix-design.md). */
export type { EditResult, FileWrite, Fix, TextEdit } from './types.js';
export { combine, edits, isRefused, refuse } from './types.js';
export { FixSources, FixText, type Located } from './sources.js';
export { composeLiteral, formatScalar, raw, type YamlScalarValue, type YamlValue } from './yaml-values.js';
export { addMapEntry, appendSeqItem, ensureMapEntry, ensureSeqItem, removeEntry, removeMapEntry, removeSeqItem, renameKey, replaceNode, setEntryValue, setScalar } from './yaml.js';
export { ensureListItem, portsToExpose } from './compose.js';
export { moveToSecrets, type SecretMove } from './secrets.js';
export { fileVariable } from './file-variables.js';
export { addNginxDirective, appendLine, configWord, ensureNginxDirective, ensureRedisDirective, replaceArgs, replaceWord } from './configs.js';
export { applyFixes, joinLines, yamlCheck, type AppliedFixes, type ApplyOptions, type FixConflict, type UnsafeFix } from './apply.js';
export { diffTexts, unifiedDiff, writeDiff } from './diff.js';
export { sarifFix } from './sarif.js';
