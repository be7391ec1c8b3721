import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

/**
 * The deployment files checked without Azure, Bicep or Docker: azure.yaml, infra/main.bicep
 * with its parameters file, the README's settings table and the Dockerfile must agree with each
 * other and with package.json. (The Bicep itself is compiled by `azd up`; see docs/deploy.md.)
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const bicep = read('infra/main.bicep');
const parameters = JSON.parse(read('infra/main.parameters.json')) as { parameters: Record<string, { value: unknown }> };
const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
const rootPackage = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const apiPackage = JSON.parse(read('api/package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** `param name type` (with `= default` when it has one), decorators on their own lines. */
const bicepParams = [...bicep.matchAll(/^param (\w+) ([^\n=]+?)(\s*=\s*(.+))?$/gm)].map((m) => ({
  name: m[1]!,
  hasDefault: m[3] !== undefined,
}));
const bicepOutputs = new Set([...bicep.matchAll(/^output (\w+) /gm)].map((m) => m[1]!));

/** The body of `var <name> = [ … ]` in main.bicep. */
function bicepArray(name: string): string {
  const match = new RegExp(`^var ${name} = \\[\\n([\\s\\S]*?)\\n\\]`, 'm').exec(bicep);
  if (!match) throw new Error(`main.bicep has no var ${name}`);
  return match[1]!;
}
type TSetting = { name: string; value?: string; secretRef?: string };
const apiSettings: TSetting[] = bicepArray('apiSettings')
  .split('\n')
  .map((line) => /\{ name: '(\w+)', (value|secretRef): (.+) \}/.exec(line.trim()))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1]!, [m[2]!]: m[3]! }));
const keyVaultSecrets = new Map(
  [...bicepArray('apiSecrets').matchAll(/name: '([\w-]+)'\s+keyVaultUrl: '([^']+)'/g)].map((m) => [m[1]!, m[2]!]),
);

/** The README's settings table: name and whether production requires it (**prod**). */
const readmeSettings = read('README.md')
  .split('\n')
  .map((line) => /^\| `([A-Z0-9_]+)`\s*\|[^|]*\|(.*)\|$/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1]!, production: m[2]!.includes('**prod**') }));

describe('the Azure deployment files', () => {
  test('when azure.yaml is read, then it deploys the api service as a container app from the Dockerfile, with hooks that exist', () => {
    const azure = parseYaml(read('azure.yaml')) as {
      name: string;
      infra?: { provider?: string; path?: string; module?: string };
      hooks?: Record<string, Record<string, { run: string }>>;
      services: Record<
        string,
        {
          project: string;
          host: string;
          language: string;
          docker?: { path?: string; context?: string };
          hooks?: Record<string, Record<string, { run: string }>>;
        }
      >;
    };
    expect(azure.name).toBe('confer');
    expect(Object.keys(azure.services)).toEqual(['api']);
    const api = azure.services.api!;
    expect(api.host).toBe('containerapp');
    expect(existsSync(join(root, api.project, api.docker?.path ?? 'Dockerfile'))).toBe(true);
    expect(existsSync(join(root, azure.infra?.path ?? 'infra', `${azure.infra?.module ?? 'main'}.bicep`))).toBe(true);
    const hooks = [...Object.values(azure.hooks ?? {}), ...Object.values(api.hooks ?? {})].flatMap((h) =>
      Object.values(h),
    );
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) {
      const script = /^node (\S+)$/.exec(hook.run)?.[1];
      expect(script).toBeDefined();
      expect(existsSync(join(root, script!))).toBe(true);
    }
    // azd finds the container app by this tag
    expect(bicep).toContain("'azd-service-name': 'api'");
  });

  test('when main.bicep is read, then every parameter has a default or a value in main.parameters.json, and no value is for an unknown parameter', () => {
    expect(bicep).toMatch(/^targetScope = 'subscription'$/m);
    expect(bicepParams.length).toBeGreaterThan(5);
    const given = Object.keys(parameters.parameters);
    const unset = bicepParams.filter((p) => !p.hasDefault && !given.includes(p.name)).map((p) => p.name);
    expect(unset).toEqual([]);
    const unknown = given.filter((name) => !bicepParams.some((p) => p.name === name));
    expect(unknown).toEqual([]);
  });

  test('when main.bicep uses modules, then registry modules are Azure Verified Modules pinned to a version and local ones exist', () => {
    const files = ['infra/main.bicep'];
    const modules = [...bicep.matchAll(/^module \w+ '([^']+)'/gm)].map((m) => m[1]!);
    expect(modules.length).toBeGreaterThan(10);
    for (const ref of modules) {
      if (ref.startsWith('br/')) expect(ref).toMatch(/^br\/public:avm\/res\/[a-z-]+\/[a-z-]+:\d+\.\d+\.\d+$/);
      else {
        expect(existsSync(join(root, 'infra', ref))).toBe(true);
        files.push(join('infra', ref));
      }
    }
    // secrets never leave a module as an output
    for (const file of files)
      expect(read(file)).not.toMatch(/^output \w+ string = .*(getSecret|sealKey|acsWebhookSecret|webhookSecret)/m);
  });

  test('when the README lists a production setting, then the container app gets it from main.bicep as an output value or a Key Vault reference', () => {
    const production = readmeSettings.filter((s) => s.production).map((s) => s.name);
    expect(production).toEqual(expect.arrayContaining(['DATABASE_URL', 'CONFER_SEAL_KEY', 'ACS_WEBHOOK_SECRET']));
    for (const name of production) {
      const setting = apiSettings.find((s) => s.name === name);
      expect({ name, set: setting !== undefined }).toEqual({ name, set: true });
      if (setting!.secretRef) {
        const secret = setting!.secretRef.replace(/'/g, '');
        expect({ name, keyVaultUrl: keyVaultSecrets.get(secret) }).toEqual({
          name,
          keyVaultUrl: `\${keyVault.outputs.uri}secrets/${secret}`,
        });
      } else {
        expect({ name, output: bicepOutputs.has(name) }).toEqual({ name, output: true });
      }
    }
    // and nothing the README does not describe
    const documented = new Set(readmeSettings.map((s) => s.name));
    expect(apiSettings.map((s) => s.name).filter((n) => !documented.has(n))).toEqual([]);
    expect(apiSettings.find((s) => s.name === 'DATABASE_AUTH')?.value).toBe("'entra'");
  });

  test('when the Dockerfile builds and starts Confer, then its commands exist and production carries no embedded piece', () => {
    const runs = [...dockerfile.matchAll(/^RUN (.+)$/gm)].map((m) => m[1]!);
    const scripts = runs.flatMap((r) => [...r.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
    expect(scripts).toContain('build');
    for (const script of scripts) expect(Object.keys(rootPackage.scripts)).toContain(script);
    const stages = dockerfile.split(/^FROM /m);
    const runtime = stages[stages.length - 1]!;
    expect(runtime).toMatch(/npm ci [^\n]*--omit=dev/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/CONFER_MODE=production/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\/healthz/m);
    const cmd = JSON.parse(/^CMD (\[.*\])\s*$/m.exec(runtime)![1]!) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd[1]).toBe('api/dist/main.js');
    expect(existsSync(join(root, 'api/src/main.ts'))).toBe(true);
    expect(runtime).toContain('COPY --from=build /app/api/dist api/dist');
    expect(runtime).toContain('COPY --from=build /app/api/drizzle api/drizzle');
    // PGlite and Azurite: development dependencies, so npm ci --omit=dev leaves them out
    for (const embedded of ['@electric-sql/pglite', 'azurite']) {
      expect(Object.keys(apiPackage.dependencies)).not.toContain(embedded);
      expect(Object.keys(apiPackage.devDependencies)).toContain(embedded);
    }
    // the image's port is the one the container app sends traffic and probes to
    const port = /PORT=(\d+)/.exec(runtime)?.[1];
    expect(bicep).toContain(`ingressTargetPort: ${port}`);
    expect(bicep).toContain(`httpGet: { path: '/healthz', port: ${port} }`);
    expect(bicep).toContain(`httpGet: { path: '/readyz', port: ${port} }`);
    // the migration and firm jobs run the image's entry point
    expect(bicep).toContain("command: ['node', 'api/dist/main.js', '--migrate-only']");
    expect(bicep).toContain("command: ['node', 'api/dist/main.js', 'firm']");
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.git', '**/node_modules', '.confer', '.env', '.azure']) expect(ignored).toContain(entry);
  });
});
