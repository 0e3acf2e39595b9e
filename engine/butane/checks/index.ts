import { checkBootDevice } from './bootDevice';
import type { Check } from './context';
import { checkMountUnits } from './filesystems';
import { checkGrub } from './grub';
import { checkIgnitionConfigs } from './ignitionConfigs';
import { ignitionChecks } from './ignitionLevel';
import { checkLocalFiles } from './localFiles';
import { checkDecimalModes } from './modes';
import { checkOpenShift } from './openshift';
import { checkResourceSources } from './resources';
import { checkPartitionHints } from './storage';
import { checkQuadlets, checkUnitSources } from './systemd';
import { checkTrees } from './trees';
import { checkVariantRestrictions } from './variantRestrictions';

/** Butane's own rules on the YAML (sugar, local files, variant restrictions). */
export const butaneOnlyChecks: readonly Check[] = [
  checkResourceSources,
  checkLocalFiles,
  checkTrees,
  checkDecimalModes,
  checkMountUnits,
  checkUnitSources,
  checkQuadlets,
  checkBootDevice,
  checkGrub,
  checkIgnitionConfigs,
  checkVariantRestrictions,
  checkOpenShift,
  checkPartitionHints,
];

/** Every Butane check, in the order their reports should appear. */
export const butaneChecks: readonly Check[] = [...butaneOnlyChecks, ...ignitionChecks];
