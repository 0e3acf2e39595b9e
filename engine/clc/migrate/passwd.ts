/** `passwd.users` and `passwd.groups`; the deprecated `create` block is lifted onto the user. */
import type { Path } from '../../schema/sourceMap';
import { obj, Obj } from '../../values';
import { copy, Migration, objectsIn } from './context';
import type { YamlMap } from './yamlText';

/** The fields `create` held; with `create` present, Ignition 2 took all of them from it. */
const CREATE_KEYS = ['uid', 'gecos', 'home_dir', 'no_create_home', 'primary_group', 'groups', 'no_user_group', 'system', 'no_log_init', 'shell'];
const USER_KEYS = ['name', 'password_hash', 'ssh_authorized_keys', ...CREATE_KEYS];
const GROUP_KEYS = ['name', 'gid', 'password_hash', 'system'];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Ignition 2 replaced every user-level field of `create`'s set by create's value (unset
 * included), so the user-level ones were ignored: the migration keeps create's and notes each
 * user-level value that is lost.
 */
function liftCreate(m: Migration, user: Obj, create: Obj, out: YamlMap, from: Path): void {
  const lost = CREATE_KEYS.filter((key) => user[key] !== undefined && !same(user[key], create[key]));
  for (const key of CREATE_KEYS) delete out[key];
  copy(out, create, CREATE_KEYS);
  const detail = lost.length > 0 ? `; the user-level ${lost.map((k) => `\`${k}\``).join(', ')} conflicted with it (ct refuses that; Ignition 2 used create's values), so ${lost.length === 1 ? 'it was' : 'they were'} not carried over` : '';
  m.note([...from, 'create'], `\`create\` is deprecated and Butane has no such key: its fields were moved onto the user${detail}`, out);
  m.unknownKeys(create, [...from, 'create'], CREATE_KEYS, out);
}

export function migratePasswd(m: Migration, passwd: Obj): YamlMap | undefined {
  const out: YamlMap = {};
  const users = objectsIn(passwd.users).map(([user, i]) => {
    const from: Path = ['passwd', 'users', i];
    const entry = m.track(from, copy({}, user, USER_KEYS));
    const create = obj(user.create);
    if (create) liftCreate(m, user, create, entry, from);
    m.unknownKeys(user, from, [...USER_KEYS, 'create'], entry);
    return entry;
  });
  const groups = objectsIn(passwd.groups).map(([group, i]) => {
    const entry = m.track(['passwd', 'groups', i], copy({}, group, GROUP_KEYS));
    m.unknownKeys(group, ['passwd', 'groups', i], GROUP_KEYS, entry);
    return entry;
  });
  if (users.length > 0) out.users = users;
  if (groups.length > 0) out.groups = groups;
  m.unknownKeys(passwd, ['passwd'], ['users', 'groups'], out);
  return Object.keys(out).length > 0 ? out : undefined;
}
