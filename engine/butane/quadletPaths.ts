/** Where Butane writes Podman Quadlet files; shared by the translation and the checks. */
import { cleanPath } from './checks/util';

// podman-systemd.unit(5): system-wide units, and units for every rootless user.
const ROOTFUL_DIR = '/etc/containers/systemd';
const ROOTLESS_DIR = '/etc/containers/systemd/users';

/** Where a quadlet lands; the name is joined and cleaned as Go's path.Join does. */
export function quadletPath(rootful: boolean, name: string): string {
  return cleanPath(`${rootful ? ROOTFUL_DIR : ROOTLESS_DIR}/${name}`);
}

/**
 * The template a quadlet name instantiates (`foo@bar.container` → `foo@.container`), or
 * undefined when the name is not an instance: no `@`, no `.`, or it is the template itself.
 */
export function templateOf(name: string): string | undefined {
  const at = name.indexOf('@');
  const dot = name.lastIndexOf('.');
  if (at < 0 || dot < 0 || at + 1 === dot) return undefined;
  return `${name.slice(0, at)}@.${name.slice(dot + 1)}`;
}
