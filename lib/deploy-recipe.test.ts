import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configVariables, libraryVariables, parseConfig } from "./config";

/**
 * The deployment recipe (deploy/) against the app's configuration: what Compose would hand each
 * service, worked out from compose.yaml, the app image's Dockerfile and the example secrets file,
 * must be what the app reads, and the pieces must meet (database, bucket, model servers, proxy).
 */

type Service = {
  image?: string;
  build?: { dockerfile?: string };
  command?: (string | number)[] | string;
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: string | (string | { path: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: unknown[];
  deploy?: { resources?: { reservations?: { devices?: GpuReservation[] } } };
};
type GpuReservation = { driver?: string; device_ids?: string[]; count?: unknown; capabilities?: string[] };

const readFile = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

/** KEY=VALUE lines, as Compose reads an env file; blank lines and comments skipped. */
function parseEnvFile(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of text.split("\n").map((each) => each.trim())) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([A-Za-z_]\w*)=(.*)$/.exec(line);
    if (!match) throw new Error(`Not a KEY=VALUE line: ${line}`);
    variables[match[1]!] = match[2]!.replace(/^(["'])(.*)\1$/, "$2");
  }
  return variables;
}

const services = (parse(readFile("deploy/compose.yaml"), { merge: true }) as { services: Record<string, Service> })
  .services;
const secrets = parseEnvFile(readFile("deploy/studio.env.example"));

/** Compose's ${NAME}, ${NAME:-default}, ${NAME:?} and $$, filled from studio.env.example. */
function interpolate(text: string): string {
  return text.replace(
    /\$(?:\$|\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\}|([A-Za-z_]\w*))/g,
    (whole, name?: string, colon?: string, operator?: string, fallback?: string, bare?: string) => {
      if (whole === "$$") return "$";
      if (bare) throw new Error(`compose.yaml: write $${bare} as \${${bare}}`);
      const value = secrets[name!];
      const missing = value === undefined || (colon === ":" && value === "");
      if (operator === "-") return missing ? fallback! : value!;
      if (missing) throw new Error(`compose.yaml uses \${${name}}, which studio.env.example does not give`);
      return value!;
    },
  );
}

/** The ENV instructions of the app image (KEY=VALUE pairs). */
function readImageEnvironment(): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of readFile("deploy/Dockerfile").split("\n")) {
    for (const pair of /^ENV\s+(.*)$/.exec(line)?.[1]?.trim().split(/\s+/) ?? []) {
      const [key, ...value] = pair.split("=");
      if (value.length === 0) throw new Error(`deploy/Dockerfile: write ENV as KEY=VALUE (${line})`);
      variables[key!] = value.join("=");
    }
  }
  return variables;
}

/** What Compose hands a service: its env files (studio.env read as its example), then `environment`, interpolated. */
function serviceEnvironment(name: string): Record<string, string> {
  const service = services[name]!;
  const files = [service.env_file ?? []].flat().map((file) => (typeof file === "string" ? file : file.path));
  const fromFiles = files.map((file) =>
    parseEnvFile(readFile(`deploy/${file === "studio.env" ? "studio.env.example" : file}`)),
  );
  const declared = Array.isArray(service.environment)
    ? service.environment.map((entry) => entry.split(/=(.*)/s).slice(0, 2))
    : Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value ?? "")]);
  const environment: Record<string, string> = Object.assign({}, ...fromFiles, Object.fromEntries(declared));
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, interpolate(value ?? "")]));
}

/** The value a service's command gives a flag, as `--flag value` or `--flag=value`. */
function flagValue(name: string, flag: string): string | undefined {
  const command = services[name]!.command ?? [];
  const args = (Array.isArray(command) ? command : command.split(/\s+/)).map(String);
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
}

const names = Object.keys(services);
const appImages = new Set(
  names
    .filter((name) => services[name]!.build?.dockerfile === "deploy/Dockerfile")
    .map((name) => services[name]!.image),
);
const appImageServices = names.filter((name) => appImages.has(services[name]!.image));
const apps = appImageServices.filter((name) => name !== "migrate");
const vllmServers = names.filter((name) => services[name]!.image?.startsWith("vllm/vllm-openai"));
const imageEnvironment = readImageEnvironment();
const appEnvironment = (name: string) => ({ ...imageEnvironment, ...serviceEnvironment(name) });

describe("the deployment recipe", () => {
  it("passes the app image only variables the app reads", () => {
    expect(appImageServices).toContain("migrate");
    expect(apps.length, "app instances").toBeGreaterThanOrEqual(2);
    const known = new Set([...configVariables, ...libraryVariables]);
    const unknown = appImageServices.flatMap((name) =>
      Object.keys(appEnvironment(name))
        .filter((variable) => !known.has(variable))
        .map((variable) => `${name}: ${variable}`),
    );
    expect(unknown, "variables neither lib/config.ts nor a library of the app reads").toEqual([]);
  });

  it("takes every ${...} of compose.yaml from studio.env.example, and documents no other", () => {
    const referenced = new Set(
      JSON.stringify(services)
        .match(/(?<!\$)\$\{[A-Za-z_]\w*/g)
        ?.map((reference) => reference.slice(2)),
    );
    expect(
      [...referenced].filter((name) => !(name in secrets)),
      "used but not in studio.env.example",
    ).toEqual([]);
    expect(
      Object.keys(secrets).filter((name) => !referenced.has(name)),
      "documented but unused",
    ).toEqual([]);
  });

  it("gives each app a PostgreSQL database, the pictures' bucket and a replica on each GPU", () => {
    for (const app of apps) {
      const config = parseConfig(appEnvironment(app));
      expect(config.host, `${app} must listen beyond loopback, for the proxy`).toBe("0.0.0.0");

      expect(config.databaseUrl, `${app}: DATABASE_URL`).toBeDefined();
      const database = new URL(config.databaseUrl!);
      expect(services[database.hostname]?.image, `${app}: DATABASE_URL's host is a PostgreSQL service`).toMatch(
        /^postgres:/,
      );
      const postgres = serviceEnvironment(database.hostname);
      expect(
        [database.username, decodeURIComponent(database.password), database.pathname, database.port],
        `${app}: DATABASE_URL's user, password, database and port are those of ${database.hostname}`,
      ).toEqual([postgres.POSTGRES_USER, postgres.POSTGRES_PASSWORD, `/${postgres.POSTGRES_DB}`, "5432"]);

      expect(config.imageStore, `${app}: IMAGE_STORE, S3_FORCE_PATH_STYLE, AWS_ENDPOINT_URL`).toMatchObject({
        kind: "s3",
        bucket: "studio",
        prefix: "pictures/",
        forcePathStyle: true,
        endpoint: "http://minio:9000",
      });
      const minio = serviceEnvironment("minio");
      const keys = appEnvironment(app);
      expect([keys.AWS_ACCESS_KEY_ID, keys.AWS_SECRET_ACCESS_KEY], `${app}: the S3 key pair is MinIO's`).toEqual([
        minio.MINIO_ROOT_USER,
        minio.MINIO_ROOT_PASSWORD,
      ]);
      expect(services["minio-setup"]?.command, "minio-setup makes the bucket").toContain("local/studio");

      const endpoint = config.endpoints.find((each) => each.name === "default");
      const replicaHosts = endpoint?.replicaUrls.map((url) => new URL(url).hostname) ?? [];
      expect(replicaHosts.toSorted(), `${app}: MODEL_API_URL lists each vLLM service once`).toEqual(
        vllmServers.toSorted(),
      );
      for (const url of endpoint!.replicaUrls.map((each) => new URL(each))) {
        const server = url.hostname;
        expect(`${url.port}${url.pathname}`, `${app}: MODEL_API_URL's ${server}`).toBe(
          `${flagValue(server, "--port")}/v1`,
        );
        if (endpoint!.model)
          expect(flagValue(server, "--served-model-name"), `${server} serves MODEL_NAME`).toBe(endpoint!.model);
        const keyFlag = flagValue(server, "--api-key");
        const serverKey = keyFlag === undefined ? serviceEnvironment(server).VLLM_API_KEY : interpolate(keyFlag);
        expect(endpoint!.apiKey, `${app}: MODEL_API_KEY is ${server}'s key`).toBe(serverKey);
      }
      expect(config.publicUrl, `${app}: PUBLIC_URL`).toBe(secrets.PUBLIC_URL);
      expect(config.trustProxyHops, `${app}: TRUST_PROXY_HOPS, one proxy in front`).toBe(1);
    }
  });

  it("gives each vLLM server a GPU of its own", () => {
    expect(vllmServers.length).toBeGreaterThanOrEqual(2);
    const gpus = vllmServers.map((name) => {
      const devices = services[name]!.deploy?.resources?.reservations?.devices ?? [];
      expect(devices, `${name}: one device reservation`).toHaveLength(1);
      expect(devices[0], `${name}: an NVIDIA GPU by id`).toMatchObject({ driver: "nvidia", capabilities: ["gpu"] });
      expect(devices[0]?.count, `${name}: device_ids, not count`).toBeUndefined();
      expect(devices[0]?.device_ids, `${name}: one device id`).toHaveLength(1);
      return `${name}: GPU ${devices[0]?.device_ids?.[0]}`;
    });
    const ids = gpus.map((gpu) => gpu.split(" GPU ")[1]);
    expect(new Set(ids).size, `a GPU each (${gpus.join(", ")})`).toBe(vllmServers.length);
  });

  it("starts the apps once the migration has completed", () => {
    expect(services.migrate?.command).toEqual(["npm", "run", "db:migrate"]);
    expect(services.migrate?.depends_on).toMatchObject({ postgres: { condition: "service_healthy" } });
    for (const app of apps) {
      expect(services[app]!.depends_on, `${app} waits for migrate`).toMatchObject({
        migrate: { condition: "service_completed_successfully" },
      });
    }
  });

  it("publishes the proxy's ports and no others", () => {
    expect(names.filter((name) => services[name]!.ports)).toEqual(["proxy"]);
  });

  it("sends requests to every app at its port while it is ready, flushing server-sent events", () => {
    const caddyfile = readFile("deploy/Caddyfile");
    const upstreams = /^\s*reverse_proxy\s+([^{]+)\{/m.exec(caddyfile)?.[1]?.trim().split(/\s+/) ?? [];
    const expected = apps.map((app) => `${app}:${parseConfig(appEnvironment(app)).port}`);
    expect(upstreams.toSorted(), "the Caddyfile's upstreams").toEqual(expected.toSorted());
    expect(caddyfile).toMatch(/^\s*health_uri \/api\/health\/ready$/m);
    expect(caddyfile).toMatch(/^\s*flush_interval -1$/m);
  });

  it("keeps the secrets file out of git and out of the image", () => {
    expect(readFile(".gitignore").split("\n")).toContain("deploy/studio.env");
    expect(readFile(".dockerignore").split("\n")).toContain("deploy/studio.env");
  });
});
