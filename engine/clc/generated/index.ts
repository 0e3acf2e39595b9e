/**
 * What ct (container-linux-config-transpiler v0.9.4) generates rather than copies: the etcd,
 * flannel and docker drop-ins, /etc/coreos/update.conf from update + locksmith, the
 * provider-override units for some platforms, and dynamic-data templating — with ct's
 * parse-time checks of those sections and its exact texts.
 */
export type { Dropin, GeneratedProblem, IgnitionFile, OptionSpec, OptionType, OptionUnion, Section, Severity, Unit } from './types';
export { PLATFORMS, isSupportedPlatform, UNSUPPORTED_PLATFORM } from './platform';
export { PLATFORM_TEMPLATES, TEMPLATE_FIELDS, templateVariable, hasTemplating, performTemplating, UNKNOWN_FIELD, PLATFORM_UNSPECIFIED } from './templating';
export type { TemplateField } from './templating';
export { ETCD_STRUCTS, ETCD_DEFAULT_VERSION } from './etcdOptions';
export type { EtcdStructName } from './etcdOptions';
export { FLANNEL_STRUCTS, FLANNEL_DEFAULT_VERSION } from './flannelOptions';
export type { FlannelStructName } from './flannelOptions';
export { validateEtcd, etcdUnit, etcdOptionsFor, allEtcdOptions } from './etcd';
export type { EtcdOption, EtcdOptionInfo } from './etcd';
export { validateFlannel, flannelUnit, flannelOptionsFor, allFlannelOptions, isGoJsonObject } from './flannel';
export type { FlannelOption, FlannelOptionInfo } from './flannel';
export { dockerUnit, DOCKER_KEYS } from './docker';
export { validateUpdate, validateLocksmith, updateConfFile, UPDATE_KEYS, LOCKSMITH_KEYS } from './updateConf';
export { providerOverrideUnits } from './providerOverride';
export { goQuote, goToLower, goEqualFold, isGoDuration } from './gostd';
export { parseGoSemver } from './semver';
export { goSprintfNoArgs } from './goPrint';
