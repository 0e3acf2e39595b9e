/**
 * ct's dynamic data: `{FIELD}` in etcd and flannel option values becomes `${VAR}`, a variable
 * coreos-metadata writes to /run/metadata/coreos, chosen per platform
 * (config/templating/templating.go). The substitution walk reproduces ct's, quirks included.
 */
import { UNSUPPORTED_PLATFORM } from './platform';

/** The field names ct knows at all; each platform offers a subset. */
export const TEMPLATE_FIELDS = ['HOSTNAME', 'PRIVATE_IPV4', 'PUBLIC_IPV4', 'PRIVATE_IPV6', 'PUBLIC_IPV6'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** For each platform, the variable each field it offers becomes (for hover, completion and checks). */
export const PLATFORM_TEMPLATES: Readonly<Record<string, Readonly<Partial<Record<TemplateField, string>>>>> = Object.freeze({
  azure: { PRIVATE_IPV4: 'COREOS_AZURE_IPV4_DYNAMIC', PUBLIC_IPV4: 'COREOS_AZURE_IPV4_VIRTUAL' },
  digitalocean: {
    HOSTNAME: 'COREOS_DIGITALOCEAN_HOSTNAME',
    PRIVATE_IPV4: 'COREOS_DIGITALOCEAN_IPV4_PRIVATE_0',
    PUBLIC_IPV4: 'COREOS_DIGITALOCEAN_IPV4_PUBLIC_0',
    PRIVATE_IPV6: 'COREOS_DIGITALOCEAN_IPV6_PRIVATE_0',
    PUBLIC_IPV6: 'COREOS_DIGITALOCEAN_IPV6_PUBLIC_0',
  },
  ec2: { HOSTNAME: 'COREOS_EC2_HOSTNAME', PRIVATE_IPV4: 'COREOS_EC2_IPV4_LOCAL', PUBLIC_IPV4: 'COREOS_EC2_IPV4_PUBLIC' },
  gce: { HOSTNAME: 'COREOS_GCE_HOSTNAME', PRIVATE_IPV4: 'COREOS_GCE_IP_LOCAL_0', PUBLIC_IPV4: 'COREOS_GCE_IP_EXTERNAL_0' },
  packet: {
    HOSTNAME: 'COREOS_PACKET_HOSTNAME',
    PRIVATE_IPV4: 'COREOS_PACKET_IPV4_PRIVATE_0',
    PUBLIC_IPV4: 'COREOS_PACKET_IPV4_PUBLIC_0',
    PUBLIC_IPV6: 'COREOS_PACKET_IPV6_PUBLIC_0',
  },
  'openstack-metadata': { HOSTNAME: 'COREOS_OPENSTACK_HOSTNAME', PRIVATE_IPV4: 'COREOS_OPENSTACK_IPV4_LOCAL', PUBLIC_IPV4: 'COREOS_OPENSTACK_IPV4_PUBLIC' },
  'vagrant-virtualbox': { HOSTNAME: 'COREOS_VAGRANT_VIRTUALBOX_HOSTNAME', PRIVATE_IPV4: 'COREOS_VAGRANT_VIRTUALBOX_PRIVATE_IPV4' },
  'cloudstack-configdrive': { HOSTNAME: 'CLOUDSTACK_LOCAL_HOSTNAME' },
  custom: {
    HOSTNAME: 'COREOS_CUSTOM_HOSTNAME',
    PRIVATE_IPV4: 'COREOS_CUSTOM_PRIVATE_IPV4',
    PUBLIC_IPV4: 'COREOS_CUSTOM_PUBLIC_IPV4',
    PRIVATE_IPV6: 'COREOS_CUSTOM_PRIVATE_IPV6',
    PUBLIC_IPV6: 'COREOS_CUSTOM_PUBLIC_IPV6',
  },
});

/** The message for a `{FIELD}` the platform does not offer (or no such field). */
export const UNKNOWN_FIELD = 'unknown field';
/** The message for templating without --platform. */
export const PLATFORM_UNSPECIFIED = 'platform must be specified to use templating';

/** The variable a field becomes on a platform, or undefined (ct: "unknown field"). */
export function templateVariable(platform: string, field: string): string | undefined {
  const table = Object.hasOwn(PLATFORM_TEMPLATES, platform) ? PLATFORM_TEMPLATES[platform] : undefined;
  return table && Object.hasOwn(table, field) ? table[field as TemplateField] : undefined;
}

/** Whether any argument has a `{` or a `}`: that alone turns templating on (even `}x{`). */
export function hasTemplating(args: readonly string[]): boolean {
  return args.some((a) => a.includes('{') || a.includes('}'));
}

/**
 * ct's PerformTemplating: in each argument, replaces `{FIELD}` pairs left to right with
 * `${VAR}`. A `}` before the first `{` stops the walk for that argument silently; a pair
 * whose inside is not a field of the platform is an error.
 */
export function performTemplating(platform: string, args: readonly string[]): { args: string[] } | { error: string } {
  if (!Object.hasOwn(PLATFORM_TEMPLATES, platform)) return { error: UNSUPPORTED_PLATFORM };
  const out: string[] = [];
  for (let arg of args) {
    let start = arg.indexOf('{');
    let end = arg.indexOf('}');
    while (start !== -1 && end !== -1 && start < end) {
      const field = arg.slice(start + 1, end);
      const variable = templateVariable(platform, field);
      if (variable === undefined) return { error: UNKNOWN_FIELD };
      // like strings.Replace(…, 1): the first occurrence anywhere, not necessarily at `start`
      const needle = `{${field}}`;
      const at = arg.indexOf(needle);
      arg = arg.slice(0, at) + '${' + variable + '}' + arg.slice(at + needle.length);
      // the next search starts at the old end index, now inside the substituted text
      const nextStart = arg.slice(end).indexOf('{');
      start = nextStart === -1 ? -1 : nextStart + end;
      if (start !== -1) {
        const nextEnd = arg.slice(start).indexOf('}');
        end = nextEnd === -1 ? -1 : nextEnd + start;
      }
    }
    out.push(arg);
  }
  return { args: out };
}
