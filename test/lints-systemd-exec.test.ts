/** systemd/shell-syntax and systemd/unquoted-environment: Exec and Environment lines read as systemd reads them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { first, fixes, none } from './domainRuleHarness';
import { butane, clc, GOOD_UNIT, ignition } from './lintsK3sConfigs';

const SHELL = 'systemd/shell-syntax';
const ENV = 'systemd/unquoted-environment';
const unit = (exec: string): string => `[Service]\nType=oneshot\n${exec}\n[Install]\nWantedBy=multi-user.target\n`;

test('systemd/shell-syntax: a pipe without a shell, in Butane, CLC and Ignition JSON', () => {
  const exec = 'ExecStart=curl -sfL https://get.k3s.io | sh -';
  const fixed = "ExecStart=/usr/bin/sh -c 'curl -sfL https://get.k3s.io | sh -'";
  const bu = butane(unit(exec));
  const d = first(bu, 'butane', SHELL, { severity: 'error', covers: '|', message: /ExecStart= has `\|`.*literal argument.*nothing is installed.*sh -c/ });
  fixes(bu, 'butane', d, bu.replace(exec, fixed));
  const ct = clc(unit(exec));
  fixes(ct, 'clc', first(ct, 'clc', SHELL, { severity: 'error', covers: '|', message: /`curl`/ }), ct.replace(exec, fixed));
  const json = ignition(unit(exec));
  fixes(json, 'ignition', first(json, 'ignition', SHELL, { severity: 'error', covers: '|', message: /`\|`/ }), json.replace(exec, fixed));
});

test('systemd/shell-syntax: redirections, &&, substitutions and a trailing semicolon', () => {
  first(butane(unit('ExecStart=/usr/bin/echo hi > /tmp/x')), 'butane', SHELL, { severity: 'error', covers: '>', message: /redirection/ });
  first(butane(unit('ExecStart=/usr/bin/k3s-check 2>&1')), 'butane', SHELL, { severity: 'error', covers: '2>&1', message: /redirection `2>&1`/ });
  first(butane(unit('ExecStartPre=/usr/bin/mkdir -p /opt/bin && /usr/bin/true')), 'butane', SHELL, { severity: 'error', covers: '&&', message: /ExecStartPre= has `&&`/ });
  first(butane(unit('ExecStart=/usr/bin/echo $(hostname)')), 'butane', SHELL, { severity: 'error', covers: '$(hostname)', message: /\$\(…\)/ });
  first(butane(unit('ExecStart=/usr/bin/echo a; /usr/bin/echo b')), 'butane', SHELL, { severity: 'error', covers: 'a;', message: /lone `;`/ });
  // A single quote in the command: no fix rather than a guess at systemd's escaping.
  const quoted = first(butane(unit("ExecStart=/usr/bin/echo 'x' | /usr/bin/tee /tmp/x")), 'butane', SHELL, { severity: 'error', covers: '|', message: /`\|`/ });
  assert.equal(quoted.fixes, undefined);
});

test('systemd/shell-syntax: a prefix stays in front; drop-ins count', () => {
  const exec = 'ExecStartPre=-/usr/bin/curl -o /tmp/x https://example.com | /usr/bin/sh -';
  const bu = butane(unit(exec));
  fixes(bu, 'butane', first(bu, 'butane', SHELL, { severity: 'error', covers: '|', message: /`curl`/ }), bu.replace(exec, "ExecStartPre=-/usr/bin/sh -c '/usr/bin/curl -o /tmp/x https://example.com | /usr/bin/sh -'"));
  const dropin = 'variant: flatcar\nversion: 1.1.0\nsystemd:\n  units:\n    - name: k3s.service\n      dropins:\n        - name: 10-pre.conf\n          contents: |\n            [Service]\n            ExecStartPre=/usr/bin/echo x >> /tmp/log\n';
  first(dropin, 'butane', SHELL, { severity: 'error', covers: '>>', message: /redirection/ });
});

test('systemd/shell-syntax: near misses stay quiet', () => {
  none(butane(GOOD_UNIT), 'butane', SHELL);
  none(butane(unit('ExecStart=/bin/bash -ec "curl -sfL https://get.k3s.io | sh -"')), 'butane', SHELL);
  none(butane(unit("ExecStart=/usr/bin/env FOO=1 sh -c 'a | b'")), 'butane', SHELL);
  none(butane(unit('ExecStart=/usr/bin/echo a ; /usr/bin/echo b')), 'butane', SHELL);
  none(butane(unit("ExecStart=/usr/bin/grep -E 'a|b' /etc/x")), 'butane', SHELL);
  none(butane(unit('ExecStart=/usr/bin/printf "%%s > %%s" a b')), 'butane', SHELL);
  none(ignition(unit('ExecStart=/opt/bin/k3s server --disable=traefik')), 'ignition', SHELL);
});

test('systemd/unquoted-environment: words after a value with spaces are dropped', () => {
  const env = 'Environment=INSTALL_K3S_EXEC=server --disable traefik';
  const bu = butane(GOOD_UNIT.replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"', env));
  const d = first(bu, 'butane', ENV, { severity: 'error', covers: '--disable traefik', message: /ignores `--disable`, `traefik`.*`INSTALL_K3S_EXEC` is just `server`/ });
  fixes(bu, 'butane', d, bu.replace(env, 'Environment="INSTALL_K3S_EXEC=server --disable traefik"'));
  const ct = clc(GOOD_UNIT.replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"', env));
  fixes(ct, 'clc', first(ct, 'clc', ENV, { severity: 'error', covers: '--disable traefik', message: /ignores/ }), ct.replace(env, 'Environment="INSTALL_K3S_EXEC=server --disable traefik"'));
  const json = ignition(GOOD_UNIT.replace('Environment="INSTALL_K3S_BIN_DIR=/opt/bin"', env));
  fixes(json, 'ignition', first(json, 'ignition', ENV, { severity: 'error', covers: '--disable traefik', message: /ignores/ }), json.replace(env, 'Environment=\\"INSTALL_K3S_EXEC=server --disable traefik\\"'));
});

test('systemd/unquoted-environment: several assignments on one line, and what cannot be fixed', () => {
  const env = 'Environment=A=1 INSTALL_K3S_EXEC=server --cluster-init B=2';
  const bu = butane(unit(env));
  fixes(bu, 'butane', first(bu, 'butane', ENV, { severity: 'error', covers: '--cluster-init', message: /`--cluster-init`.*`INSTALL_K3S_EXEC` is just `server`/ }), bu.replace(env, 'Environment=A=1 "INSTALL_K3S_EXEC=server --cluster-init" B=2'));
  const leading = first(butane(unit('Environment=--flag A=1')), 'butane', ENV, { severity: 'error', covers: '--flag', message: /not one/ });
  assert.equal(leading.fixes, undefined);
  none(butane(unit('Environment="INSTALL_K3S_EXEC=server --disable traefik" K3S_URL=https://x:6443')), 'butane', ENV);
  none(butane(unit("Environment='A=b c'\nEnvironment=A=\"b c\"\nEnvironment=")), 'butane', ENV);
  none(ignition(GOOD_UNIT), 'ignition', ENV);
});
