/**
 * The openshift variant: MachineConfig metadata, the `openshift` section, and the
 * Ignition features the Machine Config Operator or RHCOS do not support.
 */
import type { CheckContext } from './context';
import { parseUrl } from './urls';
import { at, compareVersions, entries, int, isObj, isTrue, list, quote, reportLine, str } from './util';

const ROLE_LABEL = 'machineconfiguration.openshift.io/role';
const CEX_KARG = 'rd.luks.key=/etc/luks/cex.key';
const USER_FIELDS = ['gecos', 'groups', 'home_dir', 'no_create_home', 'no_log_init', 'no_user_group', 'password_hash', 'primary_group', 'shell', 'should_exist', 'system', 'uid'];

/** Go's "non-empty" for a filtered field: any value, except empty lists and mappings. */
function nonEmpty(v: unknown): boolean {
  if (v === undefined) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.values(v).some(nonEmpty);
  return true;
}

export function checkOpenShift(ctx: CheckContext): void {
  if (ctx.spec.variant !== 'openshift') return;
  const version = ctx.spec.version;
  const since = (v: string): boolean => compareVersions(version, v) >= 0;
  const unsupported = `in OpenShift ${version.replace(/\.0(-experimental)?$/, '')} MachineConfigs`;
  const config = ctx.config;

  const name = str(at(config, ['metadata', 'name']));
  if (!name) reportLine(ctx, ['metadata', 'name'], 'butane/openshift-metadata-name', 'a MachineConfig needs `metadata.name`, e.g. 99-worker-custom');
  const role = at(config, ['metadata', 'labels', ROLE_LABEL]);
  if (role === undefined || role === '') {
    reportLine(ctx, ['metadata', 'labels', ROLE_LABEL], 'butane/openshift-role-label', `a MachineConfig needs the label \`${ROLE_LABEL}\` (master or worker) under \`metadata.labels\` so the operator knows which pool it is for`);
  }
  const kernelType = at(config, ['openshift', 'kernel_type']);
  if (typeof kernelType === 'string' && !['', 'default', 'realtime'].includes(kernelType)) {
    ctx.report(['openshift', 'kernel_type'], 'butane/openshift-kernel-type', `kernel type ${quote(kernelType)} is not supported here; use \`default\` or \`realtime\` (or leave it empty)`);
  }

  for (const key of ['kernel_arguments', 'extensions']) {
    const seen = new Set<unknown>();
    list(at(config, ['openshift', key])).forEach((item, i) => {
      if (seen.has(item)) ctx.report(['openshift', key, i], 'butane/duplicate-entry', `duplicate entry: ${quote(String(item))} is already listed in \`openshift.${key}\`; list it once`);
      seen.add(item);
    });
  }

  if (since('4.19.0')) {
    const kargs = list(at(config, ['openshift', 'kernel_arguments']));
    const rootCex = entries(config, ['storage', 'luks']).some((l) => l.item.name === 'root' && isTrue(at(l.item, ['cex', 'enabled'])));
    const bootCex = isTrue(at(config, ['boot_device', 'luks', 'cex', 'enabled']));
    for (const needed of [bootCex, rootCex]) {
      if (needed && !kargs.includes(CEX_KARG)) {
        reportLine(ctx, ['openshift', 'kernel_arguments'], 'butane/openshift-cex-karg', `when the root volume is unlocked with IBM CEX, add \`${CEX_KARG}\` to \`openshift.kernel_arguments\``);
      }
    }
  }

  const forbid = (path: (string | number)[], code: string, what: string, hint: string): void => {
    ctx.report(path, code, `${what} cannot be used ${unsupported}; ${hint}`, { at: 'line' });
  };
  if (since('4.14.0') && nonEmpty(config.kernel_arguments)) {
    forbid(['kernel_arguments'], 'butane/openshift-kernel-arguments', 'top-level `kernel_arguments`', 'use `openshift.kernel_arguments` instead');
  }
  if (nonEmpty(at(config, ['passwd', 'groups']))) forbid(['passwd', 'groups'], 'butane/openshift-groups', 'groups', 'remove `passwd.groups`');
  for (const u of entries(config, ['passwd', 'users'])) {
    for (const field of USER_FIELDS) {
      if (field === 'password_hash' && since('4.13.0')) continue;
      if (nonEmpty(u.item[field])) {
        const allowed = since('4.13.0') ? '`name`, `ssh_authorized_keys` and `password_hash`' : '`name` and `ssh_authorized_keys`';
        ctx.report([...u.path, field], 'butane/openshift-user-fields', `\`${field}\` is not supported ${unsupported}: users may only set ${allowed}`);
      }
    }
    if (u.item.name !== 'core') {
      reportLine(ctx, [...u.path, 'name'], 'butane/openshift-user-name', `only the \`core\` user can be configured ${unsupported}`);
    }
  }
  if (nonEmpty(at(config, ['storage', 'directories']))) forbid(['storage', 'directories'], 'butane/openshift-directories', 'directories', 'create them with a systemd unit or tmpfiles.d entry instead');
  if (nonEmpty(at(config, ['storage', 'links']))) forbid(['storage', 'links'], 'butane/openshift-links', 'links', 'create them with a systemd unit or tmpfiles.d entry instead');
  if (since('4.14.0') && !since('4.23.0') && list(at(config, ['grub', 'users'])).length > 0) {
    forbid(['grub', 'users'], 'butane/openshift-grub', 'GRUB users', 'Butane implements them by appending to a file, which MachineConfigs cannot do');
  }
  for (const f of entries(config, ['storage', 'files'])) {
    // 4.23 turns a GRUB user file with a single append into contents before this check.
    const grubUserFile = since('4.23.0') && f.item.path === '/boot/grub2/user.cfg' && list(f.item.append).length === 1;
    if (list(f.item.append).length > 0 && !grubUserFile) forbid([...f.path, 'append'], 'butane/openshift-append', 'appending to files', 'write the whole file with `contents`');
    const contents = isObj(f.item.contents) ? f.item.contents : {};
    if (!since('4.10.0') && typeof contents.compression === 'string' && contents.compression !== '') {
      ctx.report([...f.path, 'contents', 'compression'], 'butane/openshift-compression', `compressed file contents are not supported ${unsupported}; store the contents uncompressed`);
    }
    if (list(contents.http_headers).length > 0) forbid([...f.path, 'contents', 'http_headers'], 'butane/openshift-http-headers', 'HTTP headers on file contents', 'embed the contents with `inline` or `local`');
    const source = str(contents.source);
    if (source !== undefined) {
      const parsed = parseUrl(source);
      if (!('error' in parsed) && parsed.scheme !== 'data') {
        ctx.report([...f.path, 'contents', 'source'], 'butane/openshift-file-source', `MachineConfigs cannot fetch file contents from URLs; embed them with \`inline\` or \`local\` (or a data: URL)`);
      }
    }
    const mode = int(f.item.mode);
    if (since('4.10.0') && mode !== undefined && (mode & ~0o777) !== 0) {
      ctx.report([...f.path, 'mode'], 'butane/openshift-special-mode', `setuid, setgid and sticky bits are not supported ${unsupported}; use a mode up to 0777`);
    }
  }
  for (const fs of entries(config, ['storage', 'filesystems'])) {
    if (fs.item.format === 'btrfs') ctx.report([...fs.path, 'format'], 'butane/openshift-btrfs', 'RHCOS does not support btrfs; use xfs or ext4');
    if (since('4.14.0') && fs.item.format === 'none') ctx.report([...fs.path, 'format'], 'butane/openshift-format-none', `format \`none\` is not supported ${unsupported}`);
  }
}
