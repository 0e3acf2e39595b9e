import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'path';
import { isoOutputName, methodsFor } from '../client/src/isoPlan';
import { resolveSettingPath } from '../client/src/outputPath';

test('Build ISO offers what each OS can do, the last choice first', () => {
  assert.deepEqual(methodsFor('fcos').map((m) => m.method), ['native-live', 'podman-install', 'podman-live']);
  assert.deepEqual(methodsFor('fcos', 'podman-live').map((m) => m.method), ['podman-live', 'native-live', 'podman-install']);
  assert.deepEqual(methodsFor('k3os').map((m) => m.method), ['k3os-install', 'k3os-live']);
  // A remembered choice of the other OS changes nothing.
  assert.deepEqual(methodsFor('k3os', 'native-live').map((m) => m.method), ['k3os-install', 'k3os-live']);
  assert.deepEqual(methodsFor('fcos').filter((m) => m.needsDevice).map((m) => m.method), ['podman-install']);
});

test('ISO names follow the config; installer ISOs never clash with live ones', () => {
  assert.equal(isoOutputName('node.bu', 'native-live'), 'node.iso');
  assert.equal(isoOutputName('node.bu', 'podman-install'), 'node-install.iso');
  assert.equal(isoOutputName('worker.ign', 'podman-live'), 'worker.iso');
  assert.equal(isoOutputName('config.yaml', 'k3os-install'), 'config-install.iso');
  assert.equal(isoOutputName('edge.k3os.yml', 'k3os-live'), 'edge.k3os.iso');
  assert.equal(isoOutputName('.bu', 'native-live'), '.bu.iso');
});

test('base image settings: empty is unset, ~ is home, relative is against the workspace', () => {
  assert.equal(resolveSettingPath('  ', '/ws', '/home/me'), undefined);
  assert.equal(resolveSettingPath('~/isos/fcos.iso', '/ws', '/home/me'), path.join('/home/me', 'isos', 'fcos.iso'));
  assert.equal(resolveSettingPath('isos/fcos.iso', '/ws', '/home/me'), path.join('/ws', 'isos', 'fcos.iso'));
  assert.equal(resolveSettingPath('/srv/fcos.iso', '/ws', '/home/me'), '/srv/fcos.iso');
});
