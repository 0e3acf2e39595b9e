/** Every k3OS rule, in the order their findings are listed. */
import type { K3osRule } from './rule';
import { unreadableConfig } from './unreadableConfig';
import { unquotedPermissions } from './unquotedPermissions';
import { unquotedMapValue } from './unquotedMapValue';
import { phaseInvalidKey } from './phaseInvalidKey';

export const K3OS_RULES: readonly K3osRule[] = [unreadableConfig, unquotedPermissions, unquotedMapValue, phaseInvalidKey];
