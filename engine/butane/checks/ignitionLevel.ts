/**
 * The checks that mirror Ignition's own validation of the generated config. They run
 * on the Butane config (where Butane reports them back on the YAML) and on inline or
 * local Ignition configs merged into it.
 */
import type { Check } from './context';
import { checkDuplicates } from './duplicates';
import { checkFilesystems } from './filesystems';
import { checkLuks } from './luks';
import { checkModes } from './modes';
import { checkDevicePaths, checkNodes } from './paths';
import { checkProxy } from './proxy';
import { checkResources } from './resources';
import { checkDisks, checkRaid } from './storage';
import { checkUnits } from './systemd';

export const ignitionChecks: readonly Check[] = [
  checkProxy,
  checkResources,
  checkNodes,
  checkModes,
  checkDevicePaths,
  checkDisks,
  checkRaid,
  checkFilesystems,
  checkLuks,
  checkUnits,
  checkDuplicates,
];
