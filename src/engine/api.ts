/**
 * Everything a rule may use: the typed model, `defineRule`, and the types of `report()`.
 * Rules import from here and nowhere else in src/.
 */
export { defineRule, type Report, type Rule, type RuleContext, type RuleVisitors, type Target } from './rule.js';
export type { Environment, RuleMeta } from './meta.js';
export type { ComposeProject, ModelProblem } from '../model/project.js';
export { describePlace, problemsOf, type LocatedProblem, type Place } from '../model/problems.js';
export type { Healthcheck, ResourceLimits, Service } from '../model/service.js';
export type { Port } from '../model/ports.js';
export { parseImage, type ImageReference } from '../model/image.js';
export { describePort, isLoopback } from '../model/port-description.js';
export { DEFAULT_INGRESS, isIngress, isIngressName } from '../model/ingress.js';
export type { KeyValue } from '../model/keyvalues.js';
export type { Command } from '../model/command.js';
export { shellWords } from '../model/command.js';
export { Text } from '../model/text.js';
export { get, getPath, isMap, isScalar, isSeq, scalarString, type YMap, type YNode, type YScalar, type YSeq } from '../parse/tree.js';
