/** Every k3OS rule, in the order their findings are listed. */
import type { K3osRule } from './rule';
import { unreadableConfig } from './unreadableConfig';
import { unquotedPermissions } from './unquotedPermissions';
import { unquotedMapValue } from './unquotedMapValue';
import { phaseInvalidKey } from './phaseInvalidKey';
import { textBoolean } from './textBoolean';
import { k3sArgsNotExecStyle } from './k3sArgsNotExecStyle';
import { k3sArgsFirst } from './k3sArgsFirst';
import { removedK3sFlag } from './removedK3sFlag';
import { serverUrlScheme } from './serverUrlScheme';
import { serverUrlWithoutToken } from './serverUrlWithoutToken';
import { agentWithoutServer } from './agentWithoutServer';
import { tokenFormat } from './tokenFormat';
import { clearTextPassword } from './clearTextPassword';
import { sshKeyNeedsNetwork } from './sshKeyNeedsNetwork';
import { unknownDataSource } from './unknownDataSource';
import { unknownEncoding } from './unknownEncoding';
import { relativePath } from './relativePath';
import { taintSyntax } from './taintSyntax';
import { restrictedNodeLabel } from './restrictedNodeLabel';
import { installOutsideInstallMode } from './installOutsideInstallMode';

export const K3OS_RULES: readonly K3osRule[] = [
  // What makes k3OS read the config differently than written.
  unreadableConfig,
  unquotedPermissions,
  unquotedMapValue,
  textBoolean,
  phaseInvalidKey,
  installOutsideInstallMode,
  // Files, keys and data sources.
  unknownEncoding,
  relativePath,
  sshKeyNeedsNetwork,
  clearTextPassword,
  unknownDataSource,
  // How k3OS starts k3s.
  k3sArgsNotExecStyle,
  k3sArgsFirst,
  removedK3sFlag,
  serverUrlScheme,
  serverUrlWithoutToken,
  agentWithoutServer,
  tokenFormat,
  restrictedNodeLabel,
  taintSyntax,
];
