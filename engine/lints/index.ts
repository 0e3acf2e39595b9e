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
];
