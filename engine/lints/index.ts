/** Every domain rule, in the order their findings are listed. */
import type { DomainRule } from './rule';
import { readOnlyUsr } from './rules/readOnlyUsr';
import { usrLocalBinExec } from './rules/usrLocalBinExec';
import { volatileTarget } from './rules/volatileTarget';
import { enabledWithoutInstall } from './rules/enabledWithoutInstall';
import { unitFileConflict } from './rules/unitFileConflict';
import { specExperimental } from './rules/specExperimental';
import { flatcarIgnoredSection } from './rules/flatcarIgnoredSection';
import { clcUpdateConfConflict } from './rules/clcUpdateConfConflict';
import { clcOemExt4 } from './rules/clcOemExt4';
import { clcDecimalMode } from './rules/clcDecimalMode';
import { modeSpecialBits } from './rules/modeSpecialBits';
import { passwordHash } from './rules/passwordHash';
import { sysextName } from './rules/sysextName';

import { systemdShellSyntax } from './rules/systemdShellSyntax';
import { systemdUnquotedEnvironment } from './rules/systemdUnquotedEnvironment';
import { k3sUnknownEnv } from './rules/k3sUnknownEnv';
import { k3sInstallBinDir } from './rules/k3sInstallBinDir';
import { k3sInstallSelinux } from './rules/k3sInstallSelinux';
import { k3sInstallNotIdempotent } from './rules/k3sInstallNotIdempotent';
import { k3sInstallNetwork } from './rules/k3sInstallNetwork';
import { k3sRemovedFlag } from './rules/k3sRemovedFlag';
import { k3sServerUrlScheme } from './rules/k3sServerUrlScheme';
import { k3sAgentWithoutServer } from './rules/k3sAgentWithoutServer';
import { k3sRestrictedNodeLabel } from './rules/k3sRestrictedNodeLabel';
import { secretsClearTextToken } from './rules/secretsClearTextToken';
import { k3sKubeconfigMode } from './rules/k3sKubeconfigMode';
import { k3sConfigDropinExtension } from './rules/k3sConfigDropinExtension';
import { k3sFullTokenFirstServer } from './rules/k3sFullTokenFirstServer';
export const DOMAIN_RULES: readonly DomainRule[] = [
  // Where files go, units, modes, password hashes (catalogue §A–§C).
  readOnlyUsr,
  usrLocalBinExec,
  volatileTarget,
  enabledWithoutInstall,
  unitFileConflict,
  specExperimental,
  flatcarIgnoredSection,
  clcUpdateConfConflict,
  clcOemExt4,
  clcDecimalMode,
  modeSpecialBits,
  passwordHash,
  sysextName,
  // K3s install units and k3s settings (catalogue §A FL04–FL10, §B MD05, §C SC01, §D).
  systemdShellSyntax,
  systemdUnquotedEnvironment,
  k3sUnknownEnv,
  k3sInstallBinDir,
  k3sInstallSelinux,
  k3sInstallNotIdempotent,
  k3sInstallNetwork,
  k3sRemovedFlag,
  k3sServerUrlScheme,
  k3sAgentWithoutServer,
  k3sRestrictedNodeLabel,
  secretsClearTextToken,
  k3sKubeconfigMode,
  k3sConfigDropinExtension,
  k3sFullTokenFirstServer,
];
