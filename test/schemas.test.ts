// Tests for the generated Butane JSON Schemas (schemas/butane/*.json).
// Run: node --test out/test/schemas.test.js

import { BUTANE_VECTORS } from './helpers';
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import Ajv, { ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";
import { SCHEMA_DIR, SPECS, buildAllSchemas, renderAll, schemaFileName } from "../schemas/source/registry";

type Json = Record<string, unknown>;

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "schemas", "source"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const schemaDir = path.join(repoRoot(), SCHEMA_DIR);
const VECTORS = BUTANE_VECTORS;

const schemas = buildAllSchemas();
const byName = new Map(schemas.map((s) => [s.file, s.schema]));

function schemaFor(variant: string, version: string): Json {
  const s = byName.get(schemaFileName(variant, version));
  assert.ok(s, `no schema for ${variant} ${version}`);
  return s as Json;
}

/** Follows properties / items / $ref from the root; undefined when the key is absent. */
function at(schema: Json, dotted: string): Json | undefined {
  let node: Json | undefined = schema;
  const deref = (n: Json | undefined): Json | undefined => {
    const ref = n?.$ref as string | undefined;
    if (!ref) return n;
    return (schema.definitions as Record<string, Json>)[ref.replace("#/definitions/", "")];
  };
  for (const part of dotted.split(".")) {
    const items = part.endsWith("[]");
    const key = items ? part.slice(0, -2) : part;
    node = deref(node);
    node = (node?.properties as Record<string, Json> | undefined)?.[key];
    if (items) node = deref(node)?.items as Json | undefined;
    if (!node) return undefined;
  }
  return node;
}

test("committed schema files are identical to the generator output", () => {
  const expected = renderAll();
  const present = fs.existsSync(schemaDir) ? fs.readdirSync(schemaDir).filter((f) => f.endsWith(".json")).sort() : [];
  const hint = "schemas/butane is out of date: run `npm run schemas`";
  assert.deepEqual(present, [...expected.keys()].sort(), `${hint} (missing or extra files)`);
  for (const [name, text] of expected) {
    assert.ok(fs.readFileSync(path.join(schemaDir, name), "utf8") === text, `${hint} (${name} differs)`);
  }
});

test("every schema compiles with ajv", () => {
  assert.equal(schemas.length, 33);
  for (const { file, schema } of schemas) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    assert.doesNotThrow(() => ajv.compile(schema), file);
  }
});

test("structural lint: types, descriptions, forbidden keywords, pattern messages", () => {
  const TYPES = new Set(["string", "integer", "boolean", "object", "array"]);
  const FORBIDDEN = ["oneOf", "anyOf", "allOf", "not", "if", "then", "else"];
  for (const { file, schema } of schemas) {
    const checkNode = (node: Json, where: string): void => {
      assert.equal(typeof node.type, "string", `${file} ${where}: type must be a single string`);
      assert.ok(TYPES.has(node.type as string), `${file} ${where}: bad type ${String(node.type)}`);
      assert.ok(typeof node.description === "string" && node.description.trim() !== "", `${file} ${where}: description missing`);
      for (const k of FORBIDDEN) assert.ok(!(k in node), `${file} ${where}: uses ${k}`);
      if (node.pattern !== undefined) {
        const msg = node["x-pattern-message"];
        assert.ok(typeof msg === "string" && msg.trim() !== "", `${file} ${where}: pattern without x-pattern-message`);
        assert.ok(!(msg as string).includes(node.pattern as string), `${file} ${where}: message shows the regex`);
      }
      if (node["x-enum-descriptions"] !== undefined) {
        assert.equal((node["x-enum-descriptions"] as unknown[]).length, (node.enum as unknown[]).length, `${file} ${where}: enum descriptions`);
      }
      if (node.$ref !== undefined) {
        const name = (node.$ref as string).replace(/^#\/definitions\//, "");
        assert.ok((schema.definitions as Json | undefined)?.[name], `${file} ${where}: dangling $ref ${String(node.$ref)}`);
      }
      if (node.type === "object" && node.$ref === undefined) {
        assert.ok(node.properties && typeof node.properties === "object", `${file} ${where}: object without properties`);
        assert.ok(node.additionalProperties !== undefined && node.additionalProperties !== true, `${file} ${where}: additionalProperties must be false or a schema`);
      }
      if (node.type === "array") assert.ok(node.items, `${file} ${where}: array without items`);
      for (const [k, child] of Object.entries((node.properties as Record<string, Json>) ?? {})) checkNode(child, `${where}.${k}`);
      if (node.items) checkNode(node.items as Json, `${where}[]`);
      if (node.additionalProperties && typeof node.additionalProperties === "object") {
        checkNode(node.additionalProperties as Json, `${where}.*`);
      }
    };
    checkNode(schema, "$");
    for (const [name, def] of Object.entries((schema.definitions as Record<string, Json>) ?? {})) checkNode(def, `#/definitions/${name}`);
    // no remote refs, no combinators anywhere (also outside property nodes)
    const text = JSON.stringify(schema);
    for (const k of FORBIDDEN) assert.ok(!text.includes(`"${k}":`), `${file}: contains ${k}`);
    for (const m of text.matchAll(/"\$ref":"([^"]*)"/g)) assert.ok(m[1].startsWith("#/definitions/"), `${file}: remote $ref ${m[1]}`);
  }
});

test("root annotations and index", () => {
  const index = JSON.parse(fs.readFileSync(path.join(schemaDir, "index.json"), "utf8")) as Json;
  const entries = index.butane as Json[];
  assert.deepEqual(
    entries.map((e) => `${String(e.variant)} ${String(e.version)}`),
    SPECS.map((s) => `${s.variant} ${s.version}`),
  );
  assert.equal(entries[0].parent, null);
  assert.equal(entries.find((e) => e.variant === "flatcar" && e.version === "1.0.0")?.parent, "fcos-1.4.0.json");
  assert.deepEqual(index.removed, [{ variant: "rhcos", message: "rhcos variant has been removed; use openshift variant instead" }]);
  // domain-butane.md §1 (Butane v0.29.0)
  const ignition: Record<string, string> = {
    "fcos 1.0.0": "3.0.0", "fcos 1.1.0": "3.1.0", "fcos 1.2.0": "3.2.0", "fcos 1.3.0": "3.2.0", "fcos 1.4.0": "3.3.0",
    "fcos 1.5.0": "3.4.0", "fcos 1.6.0": "3.5.0", "fcos 1.7.0": "3.6.0", "fcos 1.8.0-experimental": "3.7.0-experimental",
    "flatcar 1.0.0": "3.3.0", "flatcar 1.1.0": "3.4.0", "flatcar 1.2.0-experimental": "3.7.0-experimental",
    "r4e 1.0.0": "3.3.0", "r4e 1.1.0": "3.4.0", "r4e 1.2.0-experimental": "3.7.0-experimental",
    "fiot 1.0.0": "3.4.0", "fiot 1.1.0-experimental": "3.7.0-experimental",
    "openshift 4.23.0-experimental": "3.7.0-experimental",
  };
  for (let minor = 8; minor <= 22; minor++) {
    ignition[`openshift 4.${minor}.0`] = minor <= 13 ? "3.2.0" : minor <= 18 ? "3.4.0" : "3.5.0";
  }
  assert.equal(Object.keys(ignition).length, 33);
  for (const e of entries) {
    const name = `${String(e.variant)} ${String(e.version)}`;
    assert.equal(e.ignitionVersion, ignition[name], `${name} ignitionVersion`);
    assert.equal(e.experimental, String(e.version).endsWith("-experimental"), `${name} experimental`);
    assert.equal(e.file, `${String(e.variant)}-${String(e.version)}.json`);
    if (e.parent !== null) assert.ok(entries.some((p) => p.file === e.parent), `${name} parent ${String(e.parent)}`);
    const s = schemaFor(String(e.variant), String(e.version));
    assert.deepEqual(s["x-kindling"], {
      dialect: "butane", variant: e.variant, version: e.version, ignitionVersion: e.ignitionVersion, experimental: e.experimental,
    });
    assert.equal(s.$schema, "http://json-schema.org/draft-07/schema#");
    assert.equal(s.$id, `urn:kindling:butane:${String(e.variant)}:${String(e.version)}`);
    assert.equal(s.title, `Butane ${String(e.variant)} ${String(e.version)}`);
    assert.deepEqual(s.required, e.variant === "openshift" ? ["variant", "version", "metadata"] : ["variant", "version"]);
    assert.equal(s.additionalProperties, false);
    assert.equal(at(s, "variant")?.const, e.variant);
    assert.equal(at(s, "version")?.const, e.version);
  }
});

test("spot checks of version differences", () => {
  assert.equal(at(schemaFor("fcos", "1.4.0"), "grub"), undefined);
  assert.equal(at(schemaFor("fcos", "1.5.0"), "grub")?.["x-since"], "1.5.0");
  assert.equal(at(schemaFor("fcos", "1.5.0"), "grub")?.["x-butane-only"], true);
  assert.equal(at(schemaFor("fcos", "1.0.0"), "storage.trees"), undefined);
  assert.equal(at(schemaFor("fcos", "1.1.0"), "storage.trees")?.["x-since"], "1.1.0");
  assert.equal(at(schemaFor("fcos", "1.3.0"), "kernel_arguments"), undefined);
  assert.equal(at(schemaFor("fcos", "1.4.0"), "storage.disks[].wipe_table")?.["x-ignition"], "wipeTable");
  assert.equal(at(schemaFor("fcos", "1.6.0"), "storage.trees[].file_mode"), undefined);
  assert.equal(at(schemaFor("fcos", "1.7.0"), "storage.trees[].file_mode")?.["x-since"], "1.7.0");
  assert.equal(at(schemaFor("fcos", "1.7.0"), "systemd.quadlets"), undefined);
  assert.ok(at(schemaFor("fcos", "1.8.0-experimental"), "systemd.quadlets"));
  assert.deepEqual(at(schemaFor("fcos", "1.5.0"), "boot_device.layout")?.enum, ["aarch64", "ppc64le", "x86_64"]);
  assert.ok((at(schemaFor("fcos", "1.6.0"), "boot_device.layout")?.enum as string[]).includes("s390x-eckd"));
  for (const v of ["1.0.0", "1.1.0", "1.2.0-experimental"]) {
    const s = schemaFor("flatcar", v);
    assert.equal(at(s, "boot_device"), undefined, `flatcar ${v} boot_device`);
    assert.equal(at(s, "grub"), undefined, `flatcar ${v} grub`);
  }
  assert.equal(at(schemaFor("flatcar", "1.1.0"), "storage.luks[].clevis")?.["x-unsupported"], "clevis is not supported in this spec version");
  assert.equal(at(schemaFor("flatcar", "1.2.0-experimental"), "storage.luks[].clevis")?.["x-unsupported"], undefined);
  assert.equal(at(schemaFor("flatcar", "1.2.0-experimental"), "storage.luks[].cex")?.["x-unsupported"], "cex is not currently supported on the target platform");
  assert.equal(at(schemaFor("flatcar", "1.0.0"), "passwd.users[].ssh_authorized_keys_local"), undefined);
  assert.equal(at(schemaFor("flatcar", "1.1.0"), "passwd.users[].ssh_authorized_keys_local")?.["x-since"], "1.1.0");
  for (const [variant, version] of [["r4e", "1.0.0"], ["r4e", "1.1.0"], ["fiot", "1.0.0"], ["fiot", "1.1.0-experimental"]]) {
    const s = schemaFor(variant, version);
    assert.match(String(at(s, "kernel_arguments")?.["x-unsupported"]), /^kernel argument customization/);
    assert.match(String(at(s, "storage.disks")?.["x-unsupported"]), /^disk customization/);
  }
  const os48 = schemaFor("openshift", "4.8.0");
  assert.ok((os48.required as string[]).includes("metadata"));
  assert.equal(at(os48, "kernel_arguments"), undefined);
  assert.equal(at(os48, "grub"), undefined);
  assert.deepEqual((at(os48, "metadata") as Json).required, ["name", "labels"]);
  assert.ok(at(os48, "passwd.groups")?.["x-unsupported"]);
  assert.ok(at(os48, "storage.files[].contents.compression")?.["x-unsupported"]);
  assert.equal(at(schemaFor("openshift", "4.10.0"), "storage.files[].contents.compression")?.["x-unsupported"], undefined);
  assert.ok(at(schemaFor("openshift", "4.12.0"), "passwd.users[].password_hash")?.["x-unsupported"]);
  assert.equal(at(schemaFor("openshift", "4.13.0"), "passwd.users[].password_hash")?.["x-unsupported"], undefined);
  const os414 = schemaFor("openshift", "4.14.0");
  assert.equal(at(os414, "grub")?.["x-since"], "4.14.0");
  assert.ok(at(os414, "kernel_arguments")?.["x-unsupported"]);
  assert.equal(at(schemaFor("openshift", "4.23.0-experimental"), "grub")?.["x-unsupported"], undefined);
});

// ---- golden corpus -----------------------------------------------------------------------------

/** Butane (go-yaml into Go structs) treats an explicit null as "not set"; a null list item becomes "". */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === null ? "" : dropNulls(v)));
  if (value && typeof value === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(value as Json)) if (v !== null) out[k] = dropNulls(v);
    return out;
  }
  return value;
}

// Cases whose YAML the `yaml` package (YAML 1.1 mode) does not read like go-yaml v3 does.
const YAML_MISMATCH: Record<string, string> = {
  // `mode: 0o755`: go-yaml v3 reads the YAML 1.2 octal form as an integer, the yaml package in
  // YAML 1.1 mode reads it as a string (and YAML 1.2 mode would misread `0644` as decimal).
  "files-modes-user-group": "0o octal literal",
};

/** The golden cases the `yaml` package can read, with the input decoded and its schema's compiled validator. */
function* corpusCases(): Generator<{ name: string; read: (file: string) => string | undefined; doc: Json; validate: ValidateFunction | undefined }> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map(schemas.map((s) => [s.file, ajv.compile(s.schema)]));
  for (const name of fs.readdirSync(VECTORS).sort()) {
    const dir = path.join(VECTORS, name);
    const read = (f: string): string | undefined => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f), "utf8") : undefined);
    const input = read("input.bu");
    if (input === undefined || name in YAML_MISMATCH) continue;
    const doc = dropNulls(parseAllDocuments(input, { version: "1.1" })[0].toJS()) as Json;
    yield { name, read, doc, validate: validators.get(schemaFileName(String(doc.variant), String(doc.version))) };
  }
}

test("golden corpus: every accepted input without warnings is valid against its schema", (t) => {
  if (!fs.existsSync(VECTORS)) {
    t.skip(`vectors not found at ${VECTORS}`);
    return;
  }
  let checked = 0;
  const failures: string[] = [];
  for (const { name, read, doc, validate } of corpusCases()) {
    const exit = read("expected.exit");
    if (exit === undefined || exit.trim() !== "0") continue;
    if (/warning/i.test(read("expected.stderr") ?? "")) continue;
    assert.ok(validate, `${name}: no schema for ${String(doc.variant)} ${String(doc.version)}`);
    checked++;
    if (!validate(doc)) {
      failures.push(`${name}: ${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
    }
  }
  assert.ok(checked > 50, `only ${checked} cases checked`);
  assert.deepEqual(failures, []);
});

test("golden corpus: every 'unused key' warning of Butane is an unknown key in the schema", (t) => {
  if (!fs.existsSync(VECTORS)) {
    t.skip(`vectors not found at ${VECTORS}`);
    return;
  }
  let checked = 0;
  const failures: string[] = [];
  for (const { name, read, doc, validate } of corpusCases()) {
    const stderr = read("expected.stderr");
    if (stderr === undefined) continue;
    // "<<" is a YAML merge key: go-yaml reports it, the yaml package resolves it.
    const unused = [...stderr.matchAll(/^warning at \$\.(\S+), line \d+ col \d+: unused key (.+)$/gm)].filter((m) => m[2] !== "<<");
    if (unused.length === 0) continue;
    if (!validate) continue;
    validate(doc);
    const reported = new Set(
      (validate.errors ?? [])
        .filter((e) => e.keyword === "additionalProperties")
        .map((e) => `${e.instancePath}/${String((e.params as { additionalProperty: string }).additionalProperty)}`),
    );
    for (const m of unused) {
      checked++;
      const pointer = "/" + m[1].split(".").join("/");
      if (!reported.has(pointer)) failures.push(`${name}: ${m[1]} not reported as unknown`);
    }
  }
  assert.ok(checked >= 10, `only ${checked} warnings checked`);
  assert.deepEqual(failures, []);
});
