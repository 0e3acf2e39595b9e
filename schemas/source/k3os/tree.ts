// The k3OS config.yaml (rancher/k3os v0.22, its last release) as a schema tree, in our own
// words. Keys are the README's snake_case names; `x-json-name` keeps the Go field's JSON
// name, from which the generator derives every spelling k3OS accepts (`x-aliases`), and
// `x-phases` says which boot phases apply the key — as the code does it, not the README.

import { SchemaNode, bool, list, obj, oneOfValues, str, walk } from "../nodes";
import { acceptedSpellings, snakeCase } from "../../../engine/k3os/spellings";

export type Phase = "initrd" | "boot" | "runtime";
const ALL: Phase[] = ["initrd", "boot", "runtime"];
const BOOT_AND_RUNTIME: Phase[] = ["boot", "runtime"];

/** A field of one of k3OS's Go structs: its JSON name and, for applied keys, its phases. */
function field(jsonName: string, node: SchemaNode, phases?: Phase[], phaseNote?: string): [string, SchemaNode] {
  const annotated: SchemaNode = { ...node, "x-json-name": jsonName };
  if (phases) annotated["x-phases"] = phases;
  if (phaseNote) annotated["x-phase-note"] = phaseNote;
  return [snakeCase(jsonName), annotated];
}

function fields(entries: [string, SchemaNode][]): Record<string, SchemaNode> {
  return Object.fromEntries(entries);
}

const stringMap = (description: string): SchemaNode => ({
  ...obj(description, {}),
  additionalProperties: str("A value; k3OS turns numbers and booleans into text, so quote it."),
});

const strings = (description: string, item: string, extra = {}): SchemaNode => list(description, str(item, extra));

const K3S_NOTE =
  "The boot phase only writes the k3s service (without starting it) and only when the image ships /sbin/k3s; the runtime phase installs or restarts it. k3s reads it at its first registration only.";

export const DATA_SOURCES: [string, string][] = [
  ["aws", "Amazon EC2 instance metadata."],
  ["cdrom", "A config drive (ISO labelled cidata or config-2); probed only when no network provider answered."],
  ["digitalocean", "DigitalOcean droplet metadata."],
  ["gcp", "Google Compute Engine metadata."],
  ["hetzner", "Hetzner Cloud metadata."],
  ["openstack", "OpenStack metadata service."],
  ["packet", "Equinix Metal (formerly Packet) metadata."],
  ["scaleway", "Scaleway metadata."],
  ["vultr", "Vultr metadata."],
];

export const ENCODINGS: [string, string][] = [
  ["", "Plain text (the default)."],
  ["b64", "Base64."],
  ["base64", "Base64."],
  ["gz", "Gzip-compressed."],
  ["gzip", "Gzip-compressed."],
  ["gz+base64", "Gzip-compressed, then base64."],
  ["gzip+base64", "Gzip-compressed, then base64."],
  ["gz+b64", "Gzip-compressed, then base64."],
  ["gzip+b64", "Gzip-compressed, then base64."],
];

function writeFile(): SchemaNode {
  return obj("One file.", fields([
    field("path", str("Absolute path of the file; missing parent directories are created. `/usr` is read-only on k3OS except `/usr/local`.")),
    field("content", str("The file's contents, encoded as `encoding` says.")),
    field("encoding", str("How `content` is encoded; k3OS skips the file when it does not know the encoding.", oneOfValues(ENCODINGS))),
    field("owner", str("Owner passed to `chown`: `user`, `user:group` or numeric ids such as `1000:1000`.")),
    field("permissions", str("Octal mode as a quoted string, e.g. `'0644'` (the default). Unquoted, YAML makes it a number and k3OS cannot read the config at all.")),
  ]));
}

function install(): SchemaNode {
  return obj(
    "How `k3os install` installs k3OS to disk. Read when the live ISO boots in install mode (`k3os.mode=install`) and by the interactive installer; the installed system ignores it.",
    fields([
      field("forceEfi", bool("Install an EFI bootloader even when the machine booted with BIOS.")),
      field("device", str("Disk to install to, e.g. `/dev/vda` (a partition when `no_format` is set).")),
      field("configUrl", str("URL or path of the config copied to /k3os/system/config.yaml of the installed system.")),
      field("silent", bool("Ask no questions.")),
      field("isoUrl", str("Install from this ISO instead of the booted medium.")),
      field("powerOff", bool("Power off after installing instead of rebooting.")),
      field("noFormat", bool("Do not partition or format: install to the existing partition `device`.")),
      field("debug", bool("Log every step of the installer.")),
      field("tty", str("Console for the installed system's kernel, e.g. `ttyS0` (default: detected).")),
    ]),
  );
}

function k3os(): SchemaNode {
  return obj("k3OS itself: cloud data sources, kernel settings, networking, the rancher user and how k3s runs.", fields([
    field(
      "dataSources",
      strings("Cloud metadata providers to read userdata, SSH keys and hostname from, probed in order.", "A provider.", oneOfValues(DATA_SOURCES)),
      ["boot"],
      "The README lists it under runtime, but the code applies it in the boot phase: it enables the cloud-config service that fetches userdata before the runtime phase.",
    ),
    field("modules", strings("Kernel modules to load, each `name [parameters…]`.", "A module and its parameters."), ALL),
    field("sysctls", stringMap("Kernel parameters written to /proc/sys, e.g. `kernel.printk: \"4 4 1 7\"`. Quote every value."), ALL),
    field("ntpServers", strings("Fallback NTP servers for connman.", "A server."), BOOT_AND_RUNTIME),
    field("dnsNameservers", strings("Fallback DNS servers for connman (8.8.8.8 when none are given).", "A server address."), BOOT_AND_RUNTIME),
    field(
      "wifi",
      list("Wi-Fi networks to join.", obj("One network.", fields([
        field("name", str("The network's SSID.")),
        ["passphrase", { ...str("The network's passphrase."), "x-json-name": "passphrase", "x-aliases": ["pass", "password"] }],
      ]))),
      BOOT_AND_RUNTIME,
    ),
    field(
      "password",
      str("Password of the `rancher` user. A value starting with `$` is a crypt hash (e.g. from `openssl passwd -6`); anything else is a clear-text password."),
      BOOT_AND_RUNTIME,
      "The README lists it under initrd too, but the initrd phase sets no password.",
    ),
    field("serverUrl", str("URL of the k3s server to join, `https://<server>:6443`; makes this node an agent unless `k3s_args` says otherwise."), BOOT_AND_RUNTIME, K3S_NOTE),
    field("token", str("Token for joining: a node token (`K10…`) becomes K3S_TOKEN, anything else K3S_CLUSTER_SECRET."), BOOT_AND_RUNTIME, K3S_NOTE),
    field("labels", stringMap("Node labels, each passed as `--node-label key=value`."), BOOT_AND_RUNTIME, K3S_NOTE),
    field("k3sArgs", strings("Arguments for k3s, one list item per argument: first `server` or `agent`, then flags like `--disable=traefik`.", "One argument."), BOOT_AND_RUNTIME, K3S_NOTE),
    field("environment", stringMap("Variables added to /etc/environment."), ALL),
    field("taints", strings("Node taints, each `key=value:Effect`, registered through `--kubelet-arg register-with-taints=`.", "A taint."), BOOT_AND_RUNTIME, K3S_NOTE),
    field("install", install(), ["runtime"], "Only in install mode (the live ISO booted with k3os.mode=install) or by `k3os install`."),
  ]));
}

/** Adds every accepted spelling of each field as `x-aliases`; refuses spellings two fields share. */
function withAliases(root: SchemaNode): SchemaNode {
  walk(root, (node) => {
    const taken = new Map<string, string>();
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const json = child["x-json-name"];
      if (!json) continue;
      const aliases = [...new Set([...acceptedSpellings(json), ...(child["x-aliases"] ?? [])])].filter((a) => a !== key);
      for (const name of [key, ...aliases]) {
        const other = taken.get(name);
        if (other !== undefined && other !== key) throw new Error(`k3OS spelling ${name} is claimed by both ${other} and ${key}`);
        taken.set(name, key);
      }
      if (aliases.length) child["x-aliases"] = aliases;
    }
  });
  return root;
}

export function k3osTree(): SchemaNode {
  return withAliases(obj(
    "k3OS configuration (config.yaml). k3OS reads it from /k3os/system/config.yaml, the kernel command line, /var/lib/rancher/k3os/config.yaml, cloud userdata and /var/lib/rancher/k3os/config.d/*, later sources winning; each key is applied only in certain boot phases. k3OS is archived; its last release ships k3s v1.22.",
    fields([
      field("sshAuthorizedKeys", strings("SSH public keys for the `rancher` user. `github:<user>`, `gitlab:<user>` and http(s) URLs are fetched.", "A key, `github:<user>`, `gitlab:<user>` or a URL."), BOOT_AND_RUNTIME, "Keys fetched from GitHub, GitLab or a URL need the network and are added only in the runtime phase."),
      field("writeFiles", list("Files to write.", writeFile()), ALL),
      field("hostname", str("The host name."), ALL),
      field("k3os", k3os()),
      field("runCmd", strings("Commands run with `sh -c` in the runtime phase; the first failure stops the rest.", "A command."), ["runtime"]),
      field("bootCmd", strings("Commands run with `sh -c` in the boot phase; the first failure stops the rest.", "A command."), ["boot"]),
      field("initCmd", strings("Commands run with `sh -c` in the initrd phase, before the root disk is mounted; the first failure stops the rest.", "A command."), ["initrd"]),
    ]),
  ));
}
