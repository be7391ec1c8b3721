// The Outlook add-in manifest: rendered from addin/manifest.template.xml for a base URL, read by
// office-addin-manifest's local parser and converted to the unified JSON manifest with
// office-addin-manifest-converter. Nothing here may reach the network (the online validator
// is never called): any attempt fails the test.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import converter from 'office-addin-manifest-converter';
import manifestTools from 'office-addin-manifest';
import {
  SIDELOAD_BASE_URL,
  normaliseBaseUrl,
  renderManifest,
  sideloadManifestPath,
} from '../../scripts/render-manifest.mjs';

const { OfficeAddinManifest } = manifestTools;
const assetsDir = fileURLToPath(new URL('../public/assets/', import.meta.url));
const PRODUCTION = 'https://confer.example.com';

let workDir;
const networkAttempts = [];
const realConnect = net.Socket.prototype.connect;
const realFetch = globalThis.fetch;

before(() => {
  workDir = mkdtempSync(join(tmpdir(), 'confer-manifest-'));
  net.Socket.prototype.connect = function (...args) {
    networkAttempts.push(JSON.stringify(args[0]));
    throw new Error('The manifest tests must not use the network');
  };
  globalThis.fetch = async (input) => {
    networkAttempts.push(String(input));
    throw new Error('The manifest tests must not use the network');
  };
});

after(() => {
  net.Socket.prototype.connect = realConnect;
  globalThis.fetch = realFetch;
  rmSync(workDir, { recursive: true, force: true });
  assert.deepEqual(networkAttempts, [], 'no network access');
});

/** The inner 1.1 block and the outer 1.0 block without it: each must resolve its own resids. */
function versionOverrideBlocks(xml) {
  const start = xml.indexOf(
    '<VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides/1.1"',
  );
  assert.ok(start > 0, 'has VersionOverrides 1.1');
  const end = xml.indexOf('</VersionOverrides>', start) + '</VersionOverrides>'.length;
  const outerStart = xml.indexOf(
    '<VersionOverrides xmlns="http://schemas.microsoft.com/office/mailappversionoverrides"',
  );
  assert.ok(outerStart > 0 && outerStart < start, 'has VersionOverrides 1.0 around 1.1');
  const outerEnd = xml.lastIndexOf('</VersionOverrides>');
  return {
    V1_0: xml.slice(outerStart, start) + xml.slice(end, outerEnd),
    V1_1: xml.slice(start, end),
  };
}

function resources(block) {
  const defined = new Map();
  for (const m of block.matchAll(/<bt:(Image|Url|String) id="([^"]+)" DefaultValue="([^"]*)"/g)) {
    assert.ok(!defined.has(m[2]), `resource ${m[2]} is defined once`);
    defined.set(m[2], { kind: m[1], value: m[3] });
  }
  return defined;
}

const decode = (value) => value.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&apos;', "'");

function render(base, name) {
  const file = join(workDir, name);
  writeFileSync(file, renderManifest(base));
  return file;
}

test('the committed manifest.xml is the rendering for https://localhost:3000 (run `npm run manifest` after editing the template)', () => {
  assert.equal(readFileSync(sideloadManifestPath, 'utf8'), renderManifest(SIDELOAD_BASE_URL));
});

test('the base URL must be an https origin', () => {
  assert.equal(normaliseBaseUrl('https://confer.example.com/'), PRODUCTION);
  assert.throws(() => normaliseBaseUrl('http://confer.example.com'), /https/);
  assert.throws(() => normaliseBaseUrl('https://confer.example.com/app'), /without a path/);
  assert.throws(() => normaliseBaseUrl('not a url'), /Not a URL/);
});

for (const base of [SIDELOAD_BASE_URL, PRODUCTION]) {
  describe(`manifest for ${base}`, () => {
    let file;
    let xml;
    before(() => {
      file = render(base, `${new URL(base).hostname}.xml`);
      xml = readFileSync(file, 'utf8');
    });

    test('office-addin-manifest reads it as a Mailbox mail app', async () => {
      const info = await OfficeAddinManifest.readManifestFile(file);
      assert.equal(info.id, 'a08efd78-7446-4196-97f0-101233954864');
      assert.equal(info.officeAppType, 'MailApp');
      assert.deepEqual(info.hosts, ['Mailbox']);
      assert.equal(info.displayName, 'Confer');
      assert.equal(info.permissions, 'ReadWriteItem');
      assert.deepEqual(info.appDomains, [base]);
      assert.equal(info.iconUrl, `${base}/addin/assets/icon-64.png`);
      assert.equal(info.highResolutionIconUrl, `${base}/addin/assets/icon-128.png`);
      assert.match(xml, /<Set Name="Mailbox" MinVersion="1\.8" \/>/);
    });

    test('every resid resolves to a resource of its own VersionOverrides', () => {
      for (const [version, block] of Object.entries(versionOverrideBlocks(xml))) {
        const defined = resources(block);
        const used = [...block.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
        assert.ok(used.length > 10, `${version} uses resources`);
        for (const id of used) assert.ok(defined.has(id), `${version}: resid ${id} is defined`);
        for (const id of defined.keys()) assert.ok(used.includes(id), `${version}: resource ${id} is used`);
        // Strings and URLs are never inline in the commands.
        assert.doesNotMatch(block, /<(Label|Title|Description|SourceLocation)[^>]*DefaultValue=/);
      }
    });

    test('the command surfaces carry the Confer buttons', () => {
      const blocks = versionOverrideBlocks(xml);
      const v11 = blocks.V1_1;
      const strings = resources(v11);
      const surface = (name) => {
        const start = v11.indexOf(`<ExtensionPoint xsi:type="${name}">`);
        assert.ok(start > 0, `${name} present`);
        const block = v11.slice(start, v11.indexOf('</ExtensionPoint>', start));
        return [
          ...block.matchAll(
            /<Control xsi:type="Button" id="[^"]+">\s*<Label resid="([^"]+)"[\s\S]*?<SourceLocation resid="([^"]+)"/g,
          ),
        ].map((m) => ({ label: strings.get(m[1]).value, url: strings.get(m[2]).value }));
      };
      assert.deepEqual(surface('MessageReadCommandSurface'), [
        { label: 'Open conversations', url: `${base}/addin/taskpane.html` },
        { label: 'Share attachments', url: `${base}/addin/taskpane.html?view=share-attachments` },
      ]);
      assert.deepEqual(surface('MessageComposeCommandSurface'), [
        { label: 'Share files via secure link', url: `${base}/addin/taskpane.html?view=share-files` },
      ]);
      assert.equal(strings.get('Group.Label').value, 'Confer');
      assert.equal((v11.match(/<SupportsPinning>true<\/SupportsPinning>/g) ?? []).length, 3);
    });

    test('every URL is https under the base URL, and every icon is a real PNG of its size', () => {
      const urls = [
        ...[...xml.matchAll(/DefaultValue="(https?:[^"]*)"/g)].map((m) => decode(m[1])),
        ...[...xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)].map((m) => decode(m[1])),
      ];
      assert.ok(urls.length >= 15);
      for (const url of urls) {
        assert.ok(url === base || url.startsWith(`${base}/`), `${url} is under ${base}`);
        assert.equal(new URL(url).protocol, 'https:');
      }
      for (const m of xml.matchAll(/<bt:Image id="Icon\.(\d+)" DefaultValue="([^"]+)"/g)) {
        const size = Number(m[1]);
        const png = readFileSync(join(assetsDir, m[2].slice(`${base}/addin/assets/`.length)));
        assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47], 'PNG signature');
        assert.equal(png.readUInt32BE(16), size, 'width');
        assert.equal(png.readUInt32BE(20), size, 'height');
      }
      for (const icon of ['icon-64.png', 'icon-128.png']) assert.ok(existsSync(join(assetsDir, icon)));
    });

    test('office-addin-manifest-converter turns it into a unified JSON manifest', async () => {
      const out = join(workDir, `${new URL(base).hostname}-json`);
      // The converter narrates every step on console.log: keep the test output quiet.
      /* eslint-disable no-console */
      const log = console.log;
      console.log = () => {};
      try {
        await converter.convert(file, out, false);
      } finally {
        console.log = log;
      }
      /* eslint-enable no-console */
      const jsonFile = join(out, 'manifest.json');
      assert.ok(existsSync(jsonFile), `converted files: ${readdirSync(out).join(', ')}`);
      const json = JSON.parse(readFileSync(jsonFile, 'utf8'));
      assert.equal(json.id, 'a08efd78-7446-4196-97f0-101233954864');
      assert.equal(json.name.short, 'Confer');
      assert.deepEqual(json.validDomains, [base]);
      const pages = json.extensions.flatMap((e) => e.runtimes.map((r) => r.code.page));
      assert.ok(pages.includes(`${base}/addin/taskpane.html`));
      assert.ok(pages.includes(`${base}/addin/taskpane.html?view=share-attachments`));
      assert.ok(pages.includes(`${base}/addin/taskpane.html?view=share-files`));
      const text = JSON.stringify(json);
      for (const label of ['Open conversations', 'Share attachments', 'Share files via secure link']) {
        assert.ok(text.includes(label), `JSON manifest has "${label}"`);
      }
      for (const url of text.match(/https?:\/\/[^"]+/g) ?? []) {
        if (url.startsWith('https://developer.microsoft.com/json-schemas/')) continue;
        assert.ok(url.startsWith(`${base}/`) || url === base, `${url} is under ${base}`);
      }
    });
  });
}
