import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("parseConfig", () => {
  it("uses the embedded defaults when nothing is set", () => {
    const config = parseConfig({});
    expect(config).toEqual({
      databaseUrl: undefined,
      databasePoolSize: 10,
      dataDir: "./.data",
      port: 3000,
      host: "127.0.0.1",
      model: undefined,
      endpoints: [],
      promptTemplate: undefined,
      trustProxyHops: 0,
      shutdownGraceMs: 20_000,
      imageStore: { kind: "folder", root: "./.data/images" },
      modelProbeIntervalMs: 5000,
      replicaAffinity: true,
      images: { maxBytes: 25 * 1024 * 1024, maxPixels: 64_000_000, concurrency: 2 },
      demo: { enabled: true, folder: "./.data/demo-benchmark", importForFirstAccount: true },
      benchmarkDir: undefined,
      benchmarkUploadMaxBytes: 4096 * 2 ** 20,
      runsPerUser: 2,
      assessmentLeaseSeconds: 30,
      evaluationTasks: { leaseSeconds: 30, maxAttempts: 3, backoffSeconds: 2, failureShare: 0.1 },
      sessionMaxAgeMs: 90 * 24 * 60 * 60 * 1000,
      signUp: { policy: "open", perAddressPerHour: 20 },
      bodyLimits: { jsonBytes: 1024 * 1024, resultsFileBytes: 256 * 2 ** 20 },
      dreamsimModelUrl: "/models/dreamsim/",
      inference: {
        imageLongSide: 1024,
        timeouts: { connectMs: 10_000, firstTokenMs: 120_000, idleMs: 60_000, totalMs: 900_000 },
        admission: { maxInFlight: 8, maxQueued: 64, maxPerUser: 2, evaluationShare: 0.75 },
      },
    });
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ DATABASE_URL: "", PORT: " " }).port).toBe(3000);
  });

  it.each(["abc", "0", "70000", "3000.5"])("rejects PORT=%s naming the variable", (port) => {
    expect(() => parseConfig({ PORT: port })).toThrowError(/PORT: must be a whole number between 1 and 65535/);
  });

  it("rejects a DATABASE_URL that is not PostgreSQL", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://localhost/db" })).toThrowError(
      /DATABASE_URL: must start with postgresql:\/\//,
    );
    expect(() => parseConfig({ DATABASE_URL: "not a url" })).toThrowError(/DATABASE_URL: must be a URL/);
  });

  it("imports the demo for the first account only while the demo is written and DEMO_IMPORT is on", () => {
    expect(parseConfig({ DEMO_IMPORT: "off" }).demo.importForFirstAccount).toBe(false);
    expect(parseConfig({ DEMO_DATA: "off" }).demo.importForFirstAccount).toBe(false);
    expect(() => parseConfig({ DEMO_IMPORT: "yes" })).toThrowError(/DEMO_IMPORT: must be on or off/);
  });

  it("reads BENCHMARK_UPLOAD_MAX_MB in megabytes", () => {
    expect(parseConfig({ BENCHMARK_UPLOAD_MAX_MB: "10" }).benchmarkUploadMaxBytes).toBe(10 * 2 ** 20);
    expect(parseConfig({ JSON_BODY_MAX_KB: "64", RESULTS_UPLOAD_MAX_MB: "8" }).bodyLimits).toEqual({
      jsonBytes: 64 * 1024,
      resultsFileBytes: 8 * 2 ** 20,
    });
    expect(parseConfig({ PUBLIC_URL: "https://Studio.Example.org/" }).publicUrl).toBe("https://studio.example.org");
    expect(() => parseConfig({ PUBLIC_URL: "https://studio.example.org/app" })).toThrowError(
      /PUBLIC_URL: must be an origin alone/,
    );
    expect(() => parseConfig({ PUBLIC_URL: "studio.example.org" })).toThrowError(
      /PUBLIC_URL: must be an origin such as/,
    );
    expect(() => parseConfig({ BENCHMARK_UPLOAD_MAX_MB: "0" })).toThrowError(/BENCHMARK_UPLOAD_MAX_MB/);
  });

  it("keeps ten PostgreSQL connections unless DATABASE_POOL_SIZE says otherwise", () => {
    expect(parseConfig({}).databasePoolSize).toBe(10);
    expect(parseConfig({ DATABASE_POOL_SIZE: "32" }).databasePoolSize).toBe(32);
    expect(() => parseConfig({ DATABASE_POOL_SIZE: "0" })).toThrowError(
      /DATABASE_POOL_SIZE: must be a whole number from 1 to 1000/,
    );
  });

  it("takes DREAMSIM_MODEL_URL as a folder on this site, and refuses anything else", () => {
    expect(parseConfig({ DREAMSIM_MODEL_URL: "/models/dreamsim-test/" }).dreamsimModelUrl).toBe(
      "/models/dreamsim-test/",
    );
    for (const bad of ["models/dreamsim/", "/models/dreamsim", "https://example.com/models/", "/models/../secrets/"]) {
      expect(() => parseConfig({ DREAMSIM_MODEL_URL: bad })).toThrowError(/DREAMSIM_MODEL_URL: must/);
    }
  });

  it("reads the sign-up policy, and refuses one it does not know", () => {
    expect(parseConfig({ SIGN_UP: "invite", SIGN_UPS_PER_ADDRESS: "5" }).signUp).toEqual({
      policy: "invite",
      perAddressPerHour: 5,
    });
    expect(() => parseConfig({ SIGN_UP: "invite-only" })).toThrow(/SIGN_UP: must be open, invite or closed/);
  });

  it("reports every bad variable at once", () => {
    try {
      parseConfig({ PORT: "x", DATABASE_URL: "nope", MODEL_API_URL: "ftp://x" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const variables = (error as ConfigError).problems.map((problem) => problem.variable).sort();
      expect(variables).toEqual(["DATABASE_URL", "MODEL_API_URL", "PORT"]);
    }
  });

  it("reads a model endpoint", () => {
    const config = parseConfig({ MODEL_API_URL: "http://127.0.0.1:8000/v1", MODEL_NAME: "preferthinker-7b" });
    expect(config.model).toEqual({ apiUrl: "http://127.0.0.1:8000/v1", name: "preferthinker-7b", apiKey: undefined });
    expect(config.databaseUrl).toBeUndefined();
  });
});

describe("inference settings", () => {
  it("reads timeouts in seconds, fractions allowed", () => {
    const config = parseConfig({
      MODEL_FIRST_TOKEN_TIMEOUT: "0.5",
      MODEL_IDLE_TIMEOUT: "30",
      MODEL_IMAGE_LONG_SIDE: "768",
      ASSESSMENTS_PER_USER: "4",
    });
    expect(config.inference.timeouts.firstTokenMs).toBe(500);
    expect(config.inference.timeouts.idleMs).toBe(30_000);
    expect(config.inference.imageLongSide).toBe(768);
    expect(config.inference.admission.maxPerUser).toBe(4);
  });

  it.each([
    ["MODEL_IDLE_TIMEOUT", "0", /MODEL_IDLE_TIMEOUT: must be more than 0 seconds/],
    ["MODEL_MAX_IN_FLIGHT", "many", /MODEL_MAX_IN_FLIGHT: must be a whole number from 1 to 1024/],
    ["MODEL_IMAGE_LONG_SIDE", "20", /MODEL_IMAGE_LONG_SIDE: must be a whole number from 64 to 4096/],
  ])("rejects %s=%s naming the variable", (variable, value, message) => {
    expect(() => parseConfig({ [variable]: value })).toThrowError(message);
  });

  it("reads the evaluation runs' share of an endpoint and the runs a researcher may execute at once", () => {
    const config = parseConfig({ EVAL_SHARE: "0.5", RUNS_PER_USER: "3" });
    expect(config.inference.admission.evaluationShare).toBe(0.5);
    expect(config.runsPerUser).toBe(3);
    expect(parseConfig({ EVAL_SHARE: "1" }).inference.admission.evaluationShare).toBe(1);
  });

  it.each([
    ["EVAL_SHARE", "0", /EVAL_SHARE: must be a number above 0 and at most 1, such as 0.75 \(got "0"\)/],
    ["EVAL_SHARE", "1.5", /EVAL_SHARE: must be a number above 0 and at most 1/],
    ["EVAL_SHARE", "most", /EVAL_SHARE: must be a number above 0 and at most 1/],
    ["RUNS_PER_USER", "0", /RUNS_PER_USER: must be a whole number from 1 to 100/],
    ["RUNS_PER_USER", "two", /RUNS_PER_USER: must be a whole number from 1 to 100/],
  ])("refuses %s=%s at start-up, naming the variable", (variable, value, message) => {
    expect(() => parseConfig({ [variable]: value })).toThrowError(message);
  });

  it("keeps the built-in endpoint names for the app", () => {
    expect(() =>
      parseConfig({ MODEL_ENDPOINTS: '[{"name":"baseline","url":"http://127.0.0.1:8000/v1"}]' }),
    ).toThrowError(/MODEL_ENDPOINTS: .*baseline and default are taken/);
  });
});

describe("parseConfig error messages", () => {
  it("never echoes a database URL, which may hold a password", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://admin:s3cret@db/x" })).toThrowError(/DATABASE_URL/);
    try {
      parseConfig({ DATABASE_URL: "mysql://admin:s3cret@db/x" });
    } catch (error) {
      expect((error as Error).message).not.toContain("s3cret");
    }
  });

  it("shows a harmless bad value", () => {
    expect(() => parseConfig({ PORT: "http" })).toThrowError(/got "http"/);
  });
});

describe("model endpoints", () => {
  it("lists the default endpoint first, then the named ones", () => {
    const config = parseConfig({
      MODEL_API_URL: "http://127.0.0.1:8000/v1",
      MODEL_NAME: "preferthinker-7b",
      MODEL_ENDPOINTS: '[{"name":"gpu-2","url":"http://10.0.0.6:8000/v1","model":"qwen","apiKey":"k"}]',
    });
    expect(config.endpoints).toEqual([
      {
        name: "default",
        apiUrl: "http://127.0.0.1:8000/v1",
        replicaUrls: ["http://127.0.0.1:8000/v1"],
        model: "preferthinker-7b",
        apiKey: undefined,
      },
      {
        name: "gpu-2",
        apiUrl: "http://10.0.0.6:8000/v1",
        replicaUrls: ["http://10.0.0.6:8000/v1"],
        model: "qwen",
        apiKey: "k",
      },
    ]);
  });

  it("reads structured decoding: off by default, the grammar for vLLM or SGLang when asked", () => {
    expect(parseConfig({ MODEL_API_URL: "http://gpu1:8000/v1" }).endpoints[0]!.structuredFor).toBeUndefined();
    const config = parseConfig({
      MODEL_API_URL: "http://gpu1:8000/v1",
      MODEL_STRUCTURED: "regex",
      MODEL_ENDPOINTS:
        '[{"name":"base","url":"http://gpu3:30000/v1","structured":"regex","server":"sglang"},{"name":"tuned","url":"http://gpu4:8000/v1"}]',
    });
    expect(config.endpoints.map((endpoint) => [endpoint.name, endpoint.structuredFor])).toEqual([
      ["default", "vllm"],
      ["base", "sglang"],
      ["tuned", undefined],
    ]);
    expect(() => parseConfig({ MODEL_STRUCTURED: "json" })).toThrowError(/MODEL_STRUCTURED: must be off or regex/);
    expect(() =>
      parseConfig({ MODEL_ENDPOINTS: '[{"name":"x","url":"http://x/v1","structured":"ebnf"}]' }),
    ).toThrowError(/structured must be "regex"/);
  });

  it("reads replicas: a comma list in MODEL_API_URL, a replicas list in MODEL_ENDPOINTS", () => {
    const config = parseConfig({
      MODEL_API_URL: "http://gpu1:8000/v1, http://gpu2:8000/v1",
      MODEL_ENDPOINTS: '[{"name":"sglang","replicas":["http://gpu3:30000/v1","http://gpu4:30000/v1"]}]',
    });
    expect(config.endpoints.map((endpoint) => [endpoint.name, endpoint.apiUrl, endpoint.replicaUrls])).toEqual([
      ["default", "http://gpu1:8000/v1", ["http://gpu1:8000/v1", "http://gpu2:8000/v1"]],
      ["sglang", "http://gpu3:30000/v1", ["http://gpu3:30000/v1", "http://gpu4:30000/v1"]],
    ]);
    expect(config.model?.apiUrl).toBe("http://gpu1:8000/v1");
    expect(config.modelProbeIntervalMs).toBe(5000);
    expect(() => parseConfig({ MODEL_API_URL: "http://gpu1:8000/v1,gpu2" })).toThrowError(/MODEL_API_URL/);
    expect(() => parseConfig({ MODEL_ENDPOINTS: '[{"name":"x"}]' })).toThrowError(/give url or replicas/);
  });

  it.each([
    ["not json", /MODEL_ENDPOINTS: must be a JSON array/],
    [
      '[{"name":"Bad Name","url":"http://x/v1"}]',
      /MODEL_ENDPOINTS: an endpoint name is lower-case letters, digits and dashes/,
    ],
    ['[{"name":"a","url":"ftp://x"}]', /MODEL_ENDPOINTS: must start with http/],
    [
      '[{"name":"a","url":"http://x/v1"},{"name":"a","url":"http://y/v1"}]',
      /MODEL_ENDPOINTS: endpoint names must differ/,
    ],
  ])("refuses MODEL_ENDPOINTS=%s, naming it", (value, message) => {
    expect(() => parseConfig({ MODEL_ENDPOINTS: value })).toThrowError(message);
  });
});

describe("the image store", () => {
  it("reads an S3 bucket with or without a prefix, and the SDK's endpoint and region", () => {
    expect(
      parseConfig({
        IMAGE_STORE: "s3://studio-images/lab/a/",
        AWS_ENDPOINT_URL: "http://127.0.0.1:9000",
        S3_FORCE_PATH_STYLE: "true",
        AWS_REGION: "eu-west-1",
      }).imageStore,
    ).toEqual({
      kind: "s3",
      bucket: "studio-images",
      prefix: "lab/a/",
      forcePathStyle: true,
      endpoint: "http://127.0.0.1:9000",
      region: "eu-west-1",
    });
    expect(parseConfig({ IMAGE_STORE: "s3://pictures" }).imageStore).toEqual({
      kind: "s3",
      bucket: "pictures",
      prefix: "",
      forcePathStyle: false,
      endpoint: undefined,
      region: "us-east-1",
    });
  });

  it("refuses what is neither folder nor an s3:// address of a valid bucket, naming the variable", () => {
    for (const value of ["s3://", "s3://Upper_Case", "gs://bucket", "/srv/images"])
      expect(() => parseConfig({ IMAGE_STORE: value }), value).toThrow(/IMAGE_STORE/);
    expect(() => parseConfig({ S3_FORCE_PATH_STYLE: "yes" })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => parseConfig({ AWS_ENDPOINT_URL: "minio:9000" })).toThrow(/AWS_ENDPOINT_URL/);
  });
});

describe("shutdown", () => {
  it("gives work in progress 20 seconds to finish on SIGTERM unless told otherwise", () => {
    expect(parseConfig({}).shutdownGraceMs).toBe(20_000);
    expect(parseConfig({ SHUTDOWN_GRACE_S: "2.5" }).shutdownGraceMs).toBe(2_500);
  });

  it("refuses a grace period that is not a positive number of seconds, naming the variable", () => {
    expect(() => parseConfig({ SHUTDOWN_GRACE_S: "soon" })).toThrowError(
      /SHUTDOWN_GRACE_S: must be a number of seconds/,
    );
    expect(() => parseConfig({ SHUTDOWN_GRACE_S: "0" })).toThrowError(/SHUTDOWN_GRACE_S: must be more than 0 seconds/);
  });
});
