/** Small configs in every dialect for the k3s install and settings rule tests. */
const indent = (text: string, n: number): string => text.replace(/^(?=.)/gm, ' '.repeat(n));

/** An installer unit that every install rule is happy with. */
export const GOOD_UNIT = [
  '[Unit]',
  'Wants=network-online.target',
  'After=network-online.target',
  'ConditionPathExists=!/opt/bin/k3s',
  '[Service]',
  'Type=oneshot',
  'Environment="INSTALL_K3S_BIN_DIR=/opt/bin"',
  'Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"',
  "ExecStart=/usr/bin/sh -c 'curl -sfL https://get.k3s.io | sh -'",
  '[Install]',
  'WantedBy=multi-user.target',
  '',
].join('\n');

interface Files {
  /** k3s config.yaml contents (or other files: path → contents). */
  files?: Record<string, string>;
}

/** Butane with one unit (and files), `variant` flatcar unless given. */
export function butane(unit: string, opts: Files & { variant?: string; name?: string } = {}): string {
  const variant = opts.variant ?? 'flatcar';
  const version = variant === 'flatcar' ? '1.1.0' : '1.5.0';
  const files = Object.entries(opts.files ?? {});
  const storage = files.length === 0 ? '' : `storage:\n  files:\n${files.map(([p, c]) => `    - path: ${p}\n      contents:\n        inline: |\n${indent(c, 10)}`).join('')}`;
  return `variant: ${variant}\nversion: ${version}\n${storage}systemd:\n  units:\n    - name: ${opts.name ?? 'k3s-install.service'}\n      enabled: true\n      contents: |\n${indent(unit, 8)}`;
}

/** A Container Linux Config with one unit (and files). */
export function clc(unit: string, opts: Files = {}): string {
  const files = Object.entries(opts.files ?? {});
  const storage = files.length === 0 ? '' : `storage:\n  files:\n${files.map(([p, c]) => `    - path: ${p}\n      filesystem: root\n      mode: 0644\n      contents:\n        inline: |\n${indent(c, 10)}`).join('')}`;
  return `${storage}systemd:\n  units:\n    - name: k3s-install.service\n      enable: true\n      contents: |\n${indent(unit, 8)}`;
}

/** Ignition 3 JSON with one unit (files there are data URLs; see the settings tests). */
export function ignition(unit: string): string {
  return JSON.stringify({ ignition: { version: '3.4.0' }, systemd: { units: [{ name: 'k3s-install.service', enabled: true, contents: unit }] } }, null, 2);
}

export const FLATCAR_JSON = { ignitionOs: 'flatcar' as const };
