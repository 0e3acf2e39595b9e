/** The disk an installer ISO erases, as the user gives it: checked once for every ISO kind. */
import { InvalidInputError } from './image';

/**
 * An absolute /dev path of one word (`/dev/sda`, `/dev/disk/by-id/nvme-…`): it goes on a kernel
 * command line or to coreos-installer, where a blank, quote or `..` would change its meaning.
 * Returns the device; throws InvalidInputError with an example otherwise.
 */
export function checkInstallDevice(device: string): string {
  if (!/^\/dev\/[A-Za-z0-9._/:@+-]+$/.test(device) || device.split('/').includes('..')) {
    throw new InvalidInputError(`"${device}" is not a disk device path such as /dev/sda, /dev/vda or /dev/disk/by-id/…`);
  }
  return device;
}
