/**
 * Everything a rule may use: the typed model, `defineRule`, and the types of `report()`.
 * Rules import from here and nowhere else in src/.
 */
export { defineRule, type Report, type Rule, type RuleContext, type RuleVisitors, type Target } from './rule.js';
export type { Environment, RuleMeta } from './meta.js';
export type { ComposeProject, ModelProblem } from '../model/project.js';
export { describePlace, problemsOf, type LocatedProblem, type Place } from '../model/problems.js';
export type { Healthcheck, Hook, ResourceLimits, Service } from '../model/service.js';
export { noNewPrivilegesOf, type SecurityOpt } from '../model/security-opt.js';
export { isTrue, trueScalar } from '../model/boolean.js';
export type { Port } from '../model/ports.js';
export { isHostPath, isWithin, PROPAGATION_MODES, type Volume } from '../model/volumes.js';
export { engineSocketOf, sensitiveMountOf, type SensitiveMount } from '../model/host-paths.js';
export { parseImage, type ImageReference } from '../model/image.js';
export { describePort, isLoopback } from '../model/port-description.js';
export { DEFAULT_INGRESS, isIngress, isIngressName } from '../model/ingress.js';
export type { KeyValue } from '../model/keyvalues.js';
export type { Command } from '../model/command.js';
export { shellWords } from '../model/command.js';
export { cgroupParent, hostNamespace, type NamespaceKey } from '../model/namespaces.js';
export { definedNames, dependenciesOf, referencesOf, type Dependency, type ReferencedSection, type ServiceReference } from '../model/service-references.js';
export { commandWords, invocationsOf, type Invocation } from '../model/invocations.js';
export { amountOf, isUnlimited } from '../model/amount.js';
export type { Ulimit } from '../model/ulimits.js';
export { Text } from '../model/text.js';
export { get, getPath, isMap, isScalar, isSeq, scalarString, type YMap, type YNode, type YScalar, type YSeq } from '../parse/tree.js';
export { capabilityName } from '../model/capabilities.js';
