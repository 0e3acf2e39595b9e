// Repeated shapes and constraint fragments shared by every variant.

import { Extra, SchemaNode, int, list, obj, oneOfValues, pat, req, shape, str, sugar } from "./nodes";

// ---- constraint fragments -----------------------------------------------------------

/** Case-insensitive spelling of a URL scheme (Go lower-cases the scheme before comparing). */
function ci(word: string): string {
  return [...word].map((c) => (/[a-z]/.test(c) ? `[${c.toUpperCase()}${c}]` : c)).join("");
}

export const SCHEMES_3_0 = ["http", "https", "tftp", "s3", "data"];
export const SCHEMES_3_2 = ["http", "https", "tftp", "s3", "gs", "data"];
export const SCHEMES_3_4 = ["http", "https", "tftp", "s3", "arn", "gs", "data"];

function words(list: string[]): string {
  return list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}

/** A URL whose scheme is one of `schemes`; an empty string counts as "not set" when allowEmpty. */
export function urlExtra(schemes: string[], allowEmpty: boolean): Extra {
  const alts = schemes.map(ci).join("|");
  return pat(
    allowEmpty ? `^($|(${alts}):)` : `^(${alts}):`,
    `a URL whose scheme is ${words(schemes)}, e.g. https://example.com/file`,
  );
}

export const HTTP_URL = pat("^[Hh][Tt][Tt][Pp][Ss]?:", "an http:// or https:// URL");

/** Absolute path that path.Clean would leave unchanged (Ignition rejects anything else). */
export const CLEAN_ABS_PATH = pat(
  "^(/|(/(?!\\.\\.?(/|$))[^/]+)+)$",
  "an absolute, normalized path such as /etc/example.conf (starting with '/', without a trailing '/', '//', '.' or '..' parts)",
);

/** Same as CLEAN_ABS_PATH but an empty string is accepted (treated as unset). */
export const CLEAN_ABS_PATH_OR_EMPTY = pat(
  "^(|/|(/(?!\\.\\.?(/|$))[^/]+)+)$",
  "an absolute, normalized path such as /var/lib/data (starting with '/', without a trailing '/', '//', '.' or '..' parts)",
);

export const GUID = pat(
  "^([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})?$",
  "a GUID such as 01234567-89AB-CDEF-EDCB-A98765432101",
);

export const HASH_SHA512 = pat(
  "^sha512-[\\s\\S]{128}$",
  "sha512- followed by the 128 hexadecimal digits of the digest",
);

export const HASH_SHA512_SHA256 = pat(
  "^(sha512-[\\s\\S]{128}|sha256-[\\s\\S]{64})$",
  "sha512- followed by 128 hexadecimal digits, or sha256- followed by 64 hexadecimal digits",
);

/** Butane/Ignition reject an empty string here. */
export const NON_EMPTY = pat("^[\\s\\S]+$", "a non-empty value");

export const MODE_RANGE: Extra = { minimum: 0, maximum: 0o7777 };

// ---- resource pieces ------------------------------------------------------------------

export function sourceNode(schemes: string[]): SchemaNode {
  return str(
    `URL the data is fetched from when Ignition runs. Allowed schemes: ${words(schemes)} ` +
      "(data: URLs embed the data directly). Prefer https, or add a verification hash for plain http. " +
      "Mutually exclusive with inline and local.",
    urlExtra(schemes, true),
  );
}

export function inlineNode(): SchemaNode {
  return sugar(
    str(
      "The data itself, written directly in the Butane file. Butane encodes it as a data: URL in source, " +
        "so inline never appears in the Ignition output. Mutually exclusive with source and local.",
    ),
  );
}

export function localNode(): SchemaNode {
  return sugar(
    str(
      "Path of a file, relative to the directory given with -d/--files-dir, whose contents Butane embeds " +
        "as a data: URL. The path may not lead outside that directory. Butane-only: never appears in the " +
        "Ignition output. Mutually exclusive with source and inline.",
    ),
  );
}

export function compressionNode(): SchemaNode {
  return str(
    "Compression of the data at source: gzip, or empty for none. A verification hash then covers the " +
      "decompressed data. Cannot be combined with s3 sources.",
    oneOfValues([
      ["gzip", "the fetched data is gzip-compressed"],
      ["", "no compression (same as leaving the key out)"],
    ]),
  );
}

export function httpHeadersNode(): SchemaNode {
  return list(
    "Extra HTTP headers sent when fetching source; only allowed with http and https sources. Header names must be unique.",
    shape(
      "httpHeader",
      obj("One HTTP header.", {
        name: req(str("Header name, e.g. Authorization. Must not be empty.", NON_EMPTY)),
        value: str("Header value. When set it must not be empty; leave it out to drop a header inherited from a parent config.", NON_EMPTY),
      }),
    ),
  );
}

export function verificationNode(hash: Extra, hashWords: string): SchemaNode {
  return obj("Integrity check of the fetched data.", {
    hash: str(
      `Expected digest of the data, written as <function>-<hex digest> with function ${hashWords}. ` +
        "With compression set it is the digest of the decompressed data. Requires source.",
      hash,
    ),
  });
}

export interface ResourceOptions {
  schemes: string[];
  hash: Extra;
  hashWords: string;
}

/** Full resource shape (Butane 1.1.0 and later, base v0_2+). */
export function resource(description: string, shapeName: string, o: ResourceOptions, extra: Extra = {}): SchemaNode {
  return shape(
    shapeName,
    obj(
      description,
      {
        source: sourceNode(o.schemes),
        inline: inlineNode(),
        local: localNode(),
        compression: compressionNode(),
        http_headers: httpHeadersNode(),
        verification: verificationNode(o.hash, o.hashWords),
      },
      extra,
    ),
  );
}

// ---- owners, tang ---------------------------------------------------------------------

export function nodeUser(description: string): SchemaNode {
  return shape(
    "nodeUser",
    obj(description + " Give either id or name, not both.", {
      id: int("Numeric user ID of the owner."),
      name: str("User name of the owner (must exist when Ignition runs)."),
    }),
  );
}

export function nodeGroup(description: string): SchemaNode {
  return shape(
    "nodeGroup",
    obj(description + " Give either id or name, not both.", {
      id: int("Numeric group ID."),
      name: str("Group name (must exist when Ignition runs)."),
    }),
  );
}

export function tangList(description: string): SchemaNode {
  return list(
    description + " Each server URL must be unique.",
    shape(
      "tang",
      obj("One Tang server used to bind the volume key.", {
        url: req(str("URL of the Tang server; must be http or https.", HTTP_URL)),
        thumbprint: req(str("Thumbprint of a trusted signing key of the Tang server (as printed by tang-show-keys).", NON_EMPTY)),
      }),
    ),
  );
}
