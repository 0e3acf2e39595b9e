/** The k3s install-unit rules: which installer runs they find (Exec lines, sh -c scripts, script files) and their fixes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnostics, first, fixes, none } from './domainRuleHarness';
import { butane, clc, FLATCAR_JSON, GOOD_UNIT, ignition } from './lintsK3sConfigs';

const without = (line: string): string => GOOD_UNIT.replace(`${line}\n`, '');
const PIPE = 'curl -sfL https://get.k3s.io | sh -';

test('k3s/install-selinux: the SELinux step on Flatcar, with the line added to [Service]', () => {
  const unit = without('Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"');
  const added = 'Environment="INSTALL_K3S_BIN_DIR=/opt/bin"\nEnvironment="INSTALL_K3S_SKIP_SELINUX_RPM=true"';
  // The line goes right before the ExecStart= that runs the installer.
  const bu = butane(unit);
  const d = first(bu, 'butane', 'k3s/install-selinux', { severity: 'warning', covers: PIPE, message: /SELinux step on Flatcar.*INSTALL_K3S_SKIP_SELINUX_RPM=true/ });
  fixes(bu, 'butane', d, bu.replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"', added.replace('\n', '\n        ')));
  const ct = clc(unit);
  fixes(ct, 'clc', first(ct, 'clc', 'k3s/install-selinux', { severity: 'warning', covers: PIPE, message: /SELinux/ }), ct.replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"', added.replace('\n', '\n        ')));
  const json = ignition(unit);
  const j = first(json, 'ignition', 'k3s/install-selinux', { severity: 'warning', covers: PIPE, message: /SELinux/ }, 1, FLATCAR_JSON);
  fixes(json, 'ignition', j, json.replace('Environment=\\"INSTALL_K3S_BIN_DIR=/opt/bin\\"', 'Environment=\\"INSTALL_K3S_BIN_DIR=/opt/bin\\"\\nEnvironment=\\"INSTALL_K3S_SKIP_SELINUX_RPM=true\\"'), 0, FLATCAR_JSON);
  // Other ways to skip it, other targets.
  none(butane(GOOD_UNIT), 'butane', 'k3s/install-selinux');
  none(butane(unit.replace('[Service]', '[Service]\nEnvironment=INSTALL_K3S_SELINUX_WARN=true')), 'butane', 'k3s/install-selinux');
  none(butane(unit.replace(PIPE, 'curl -sfL https://get.k3s.io | INSTALL_K3S_SKIP_DOWNLOAD=true sh -s - server')), 'butane', 'k3s/install-selinux');
  none(butane(unit, { variant: 'fcos' }), 'butane', 'k3s/install-selinux');
  none(json, 'ignition', 'k3s/install-selinux');
});

test('k3s/install-bin-dir: /usr targets are errors on Flatcar; a missing bin dir is advice', () => {
  const usr = butane(GOOD_UNIT.replace('INSTALL_K3S_BIN_DIR=/opt/bin', 'INSTALL_K3S_BIN_DIR=/usr/local/bin'));
  const d = first(usr, 'butane', 'k3s/install-bin-dir', { severity: 'error', covers: '/usr/local/bin', message: /read-only on Flatcar.*`\/opt\/bin`/ });
  fixes(usr, 'butane', d, butane(GOOD_UNIT));
  const sysd = butane(GOOD_UNIT.replace('[Service]', '[Service]\nEnvironment=INSTALL_K3S_SYSTEMD_DIR=/usr/lib/systemd/system'));
  first(sysd, 'butane', 'k3s/install-bin-dir', { severity: 'error', covers: '/usr/lib/systemd/system', message: /unit and its env file/ });
  const missing = without('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"');
  const bu = butane(missing);
  const info = first(bu, 'butane', 'k3s/install-bin-dir', { severity: 'information', covers: PIPE, message: /without INSTALL_K3S_BIN_DIR.*falls back to \/opt\/bin/ });
  fixes(bu, 'butane', info, bu.replace('Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"', 'Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"\n        Environment="INSTALL_K3S_BIN_DIR=/opt/bin"'));
  // Another part of the config expecting /usr/local/bin/k3s makes it a warning.
  const expects = bu.replace('systemd:\n  units:\n', 'systemd:\n  units:\n    - name: k3s-check.service\n      contents: |\n        [Service]\n        ExecStart=/usr/local/bin/k3s check-config\n');
  first(expects, 'butane', 'k3s/install-bin-dir', { severity: 'warning', covers: PIPE, message: /also expects \/usr\/local\/bin\/k3s/ });
  first(clc(missing), 'clc', 'k3s/install-bin-dir', { severity: 'information', covers: PIPE, message: /INSTALL_K3S_BIN_DIR/ });
  first(ignition(missing), 'ignition', 'k3s/install-bin-dir', { severity: 'information', covers: PIPE, message: /INSTALL_K3S_BIN_DIR/ }, 1, FLATCAR_JSON);
  none(butane(GOOD_UNIT), 'butane', 'k3s/install-bin-dir');
  none(butane(missing, { variant: 'fcos' }), 'butane', 'k3s/install-bin-dir');
  none(butane(GOOD_UNIT.replace('/opt/bin"', '/var/lib/k3s/bin"')), 'butane', 'k3s/install-bin-dir');
});

test('installer runs: inline variables, sh -s arguments, script files and local install scripts', () => {
  // Variables set for the piped sh count, and their words are located inside the script.
  const inline = butane(without('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"').replace(PIPE, 'curl -sfL https://get.k3s.io | INSTALL_K3S_BIN_DIR=/usr/local/bin sh -s - server'));
  first(inline, 'butane', 'k3s/install-bin-dir', { severity: 'error', covers: '/usr/local/bin', message: /INSTALL_K3S_BIN_DIR=\/usr\/local\/bin/ });
  // A script file the unit runs; its variables are found in the file.
  const script = '#!/bin/bash\nset -e\nexport INSTALL_K3S_SKIP_SELINUX_RPM=true\ncurl -sfL https://get.k3s.io | INSTALL_K3S_BIN_DIR=/usr/local/bin sh -s - agent\n';
  const withScript = butane(GOOD_UNIT.replace(`'${PIPE}'`, '/opt/install-k3s.sh').replace('ExecStart=/usr/bin/sh -c ', 'ExecStart=').replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"\nEnvironment="INSTALL_K3S_SKIP_SELINUX_RPM=true"\n', ''), { files: { '/opt/install-k3s.sh': script } });
  first(withScript, 'butane', 'k3s/install-bin-dir', { severity: 'error', covers: '/usr/local/bin', message: /read-only/ });
  none(withScript, 'butane', 'k3s/install-selinux');
  // Quoting and escaping inside the installer's URL, and a script reached only through another
  // script that names it with quotes: still found (the cheap pre-check must see through both).
  const quotedUrl = script.replace('https://get.k3s.io', 'https://get.k""3s.io');
  first(butane(GOOD_UNIT.replace(`'${PIPE}'`, '/opt/install-k3s.sh').replace('ExecStart=/usr/bin/sh -c ', 'ExecStart=').replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"\nEnvironment="INSTALL_K3S_SKIP_SELINUX_RPM=true"\n', ''), { files: { '/opt/install-k3s.sh': quotedUrl } }), 'butane', 'k3s/install-bin-dir', { severity: 'error', covers: '/usr/local/bin', message: /read-only/ });
  const viaStep = butane(GOOD_UNIT.replace(`'${PIPE}'`, '/opt/setup.sh').replace('ExecStart=/usr/bin/sh -c ', 'ExecStart=').replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"\nEnvironment="INSTALL_K3S_SKIP_SELINUX_RPM=true"\n', ''), { files: { '/opt/setup.sh': "#!/bin/sh\nexec /opt/'st'ep.sh\n", '/opt/step.sh': script } });
  first(viaStep, 'butane', 'k3s/install-bin-dir', { severity: 'error', covers: '/usr/local/bin', message: /read-only/ });
  // A local copy of install.sh, run with arguments.
  const local = butane(without('Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"').replace(`/usr/bin/sh -c '${PIPE}'`, '/opt/k3s-install.sh server --cluster-init'));
  first(local, 'butane', 'k3s/install-selinux', { severity: 'warning', covers: '/opt/k3s-install.sh server --cluster-init', message: /SELinux/ });
  // Not installers: uninstall scripts, other downloads.
  none(butane(without('Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"').replace(PIPE, 'curl -sfL https://example.com/setup.sh | sh -')), 'butane', 'k3s/install-selinux');
  none(butane(without('Environment="INSTALL_K3S_SKIP_SELINUX_RPM=true"').replace(`/usr/bin/sh -c '${PIPE}'`, '/opt/bin/k3s-uninstall.sh')), 'butane', 'k3s/install-selinux');
});

test('k3s/install-not-idempotent: an enabled installer without a condition', () => {
  const unit = without('ConditionPathExists=!/opt/bin/k3s');
  const bu = butane(unit);
  const d = first(bu, 'butane', 'k3s/install-not-idempotent', { severity: 'warning', covers: `/usr/bin/sh -c '${PIPE}'`, message: /on every boot.*ConditionPathExists=!\/opt\/bin\/k3s/ });
  fixes(bu, 'butane', d, butane(GOOD_UNIT));
  const ct = clc(unit);
  fixes(ct, 'clc', first(ct, 'clc', 'k3s/install-not-idempotent', { severity: 'warning', covers: `/usr/bin/sh -c '${PIPE}'`, message: /every boot/ }), clc(GOOD_UNIT));
  const json = ignition(unit);
  fixes(json, 'ignition', first(json, 'ignition', 'k3s/install-not-idempotent', { severity: 'warning', covers: `/usr/bin/sh -c '${PIPE}'`, message: /every boot/ }), ignition(GOOD_UNIT));
  // No [Unit] at all: the fix adds the section.
  const bare = butane(unit.replace('[Unit]\nWants=network-online.target\nAfter=network-online.target\n', ''));
  const fixedBare = first(bare, 'butane', 'k3s/install-not-idempotent', { severity: 'warning', covers: `/usr/bin/sh -c '${PIPE}'`, message: /every boot/ });
  fixes(bare, 'butane', fixedBare, bare.replace('      contents: |\n        [Service]', '      contents: |\n        [Unit]\n        ConditionPathExists=!/opt/bin/k3s\n        [Service]'));
  // The fcos default bin dir.
  first(butane(unit.replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"\n', ''), { variant: 'fcos' }), 'butane', 'k3s/install-not-idempotent', { severity: 'warning', covers: `/usr/bin/sh -c '${PIPE}'`, message: /!\/usr\/local\/bin\/k3s/ });
  none(butane(GOOD_UNIT.replace('ConditionPathExists=!/opt/bin/k3s', 'ConditionFirstBoot=yes')), 'butane', 'k3s/install-not-idempotent');
  none(butane(GOOD_UNIT.replace('ConditionPathExists=!/opt/bin/k3s', 'ConditionPathExists=!/var/lib/k3s-installed.stamp')), 'butane', 'k3s/install-not-idempotent');
  none(butane(unit.replace('[Install]\nWantedBy=multi-user.target\n', '')), 'butane', 'k3s/install-not-idempotent');
  none(butane(unit).replace('enabled: true', 'enabled: false'), 'butane', 'k3s/install-not-idempotent');
});

test('k3s/install-network: both lines, one line, or a drop-in providing them', () => {
  const unit = without('Wants=network-online.target').replace('After=network-online.target\n', '');
  const bu = butane(unit);
  const d = first(bu, 'butane', 'k3s/install-network', { severity: 'warning', covers: `/usr/bin/sh -c '${PIPE}'`, message: /lacks `Wants=network-online.target` and `After=network-online.target`/ });
  fixes(bu, 'butane', d, bu.replace('ConditionPathExists=!/opt/bin/k3s', 'ConditionPathExists=!/opt/bin/k3s\n        Wants=network-online.target\n        After=network-online.target'));
  const ct = clc(without('After=network-online.target'));
  fixes(ct, 'clc', first(ct, 'clc', 'k3s/install-network', { severity: 'warning', covers: `/usr/bin/sh -c '${PIPE}'`, message: /lacks `After=network-online.target` in \[Unit\]/ }), ct.replace('ConditionPathExists=!/opt/bin/k3s', 'ConditionPathExists=!/opt/bin/k3s\n        After=network-online.target'));
  first(ignition(unit), 'ignition', 'k3s/install-network', { severity: 'warning', covers: `/usr/bin/sh -c '${PIPE}'`, message: /network-online/ });
  const dropin = bu.replace('      contents: |', '      dropins:\n        - name: 10-net.conf\n          contents: |\n            [Unit]\n            Wants=network-online.target\n            After=network-online.target\n      contents: |');
  none(dropin, 'butane', 'k3s/install-network');
  none(butane(GOOD_UNIT.replace('After=network-online.target', 'After=network-online.target var-lib-rancher.mount')), 'butane', 'k3s/install-network');
  none(butane(unit.replace(PIPE, 'echo hello | cat')), 'butane', 'k3s/install-network');
});

test('k3s/unknown-env: misspelt installer variables, with the right name as fix', () => {
  const bu = butane(GOOD_UNIT.replace('[Service]', '[Service]\nEnvironment="INSTALLK3S_EXEC=server"'));
  const d = first(bu, 'butane', 'k3s/unknown-env', { severity: 'warning', covers: 'INSTALLK3S_EXEC', message: /does not read `INSTALLK3S_EXEC`.*Did you mean `INSTALL_K3S_EXEC`/ });
  fixes(bu, 'butane', d, bu.replace('INSTALLK3S_EXEC', 'INSTALL_K3S_EXEC'));
  const inline = clc(GOOD_UNIT.replace(PIPE, 'curl -sfL https://get.k3s.io | K3S_TOKN=abc sh -'));
  fixes(inline, 'clc', first(inline, 'clc', 'k3s/unknown-env', { severity: 'warning', covers: 'K3S_TOKN', message: /k3s does not read `K3S_TOKN`.*`K3S_TOKEN`/ }), inline.replace('K3S_TOKN', 'K3S_TOKEN'));
  const json = ignition(GOOD_UNIT.replace('INSTALL_K3S_SKIP_SELINUX_RPM', 'INSTAL_K3S_SKIP_SELINUX_RPM'));
  fixes(json, 'ignition', first(json, 'ignition', 'k3s/unknown-env', { severity: 'warning', covers: 'INSTAL_K3S_SKIP_SELINUX_RPM', message: /INSTALL_K3S_SKIP_SELINUX_RPM/ }), ignition(GOOD_UNIT));
  const far = first(butane(GOOD_UNIT.replace('[Service]', '[Service]\nEnvironment=INSTALL_K3S_FROBNICATE=1')), 'butane', 'k3s/unknown-env', { severity: 'warning', covers: 'INSTALL_K3S_FROBNICATE', message: /Environment Variables/ });
  assert.equal(far.fixes, undefined);
  // K3S_* names k3s does not list, far from any known one, may be read elsewhere: quiet.
  none(butane(GOOD_UNIT.replace('[Service]', '[Service]\nEnvironment=K3S_SOMETHING_CUSTOM=1 CONTAINERD_LOG_LEVEL=debug')), 'butane', 'k3s/unknown-env');
  none(butane(GOOD_UNIT.replace('[Service]', '[Service]\nEnvironment="INSTALL_K3S_VERSION=v1.30.2+k3s1" K3S_KUBECONFIG_MODE=0644')), 'butane', 'k3s/unknown-env');
  // Only installer and k3s units are read.
  none(butane('[Service]\nEnvironment=INSTALLK3S_EXEC=x\nExecStart=/usr/bin/true\n'), 'butane', 'k3s/unknown-env');
});

test('a clean installer unit raises nothing from this group', () => {
  for (const [text, dialect] of [[butane(GOOD_UNIT), 'butane'], [clc(GOOD_UNIT), 'clc'], [ignition(GOOD_UNIT), 'ignition']] as const) {
    const mine = diagnostics(text, dialect, FLATCAR_JSON).filter((d) => /^(k3s|systemd|secrets)\//.test(d.code ?? ''));
    assert.deepEqual(mine.map((d) => d.code), []);
  }
});
