import "server-only";
import { z } from "zod";

/**
 * Configuration of PreferThinker Studio, read from the environment once at
 * start-up. Every variable is validated here and nowhere else, so a bad
 * value stops the process with a message that names it. Server-only: the
 * environment holds credentials, and pages get what they need as props.
 */

const emptyAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const optionalString = z.preprocess(emptyAsUndefined, z.string().optional());

const postgresUrl = z
  .string()
  .refine((value) => URL.canParse(value), {
    message: "must be a URL such as postgresql://user:password@127.0.0.1:5432/studio",
    abort: true,
  })
  .refine(
    (value) => /^postgres(ql)?:$/.test(new URL(value).protocol),
    "must start with postgresql:// (or postgres://); leave it unset to use the embedded database",
  );

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value), { message: "must be a URL such as http://127.0.0.1:8000/v1", abort: true })
  .refine((value) => /^https?:$/.test(new URL(value).protocol), "must start with http:// or https://");

/** The origin the app is served at: scheme, host and port only. */
const publicOrigin = z
  .string()
  .refine((value) => URL.canParse(value), {
    message: "must be an origin such as https://studio.example.org",
    abort: true,
  })
  .refine((value) => /^https?:$/.test(new URL(value).protocol), {
    message: "must start with http:// or https://",
    abort: true,
  })
  .refine((value) => {
    const url = new URL(value);
    return (url.pathname === "/" || url.pathname === "") && !url.search && !url.hash && !url.username && !url.password;
  }, "must be an origin alone, with no path, query or credentials, such as https://studio.example.org")
  .transform((value) => new URL(value).origin);

const endpointSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "an endpoint name is lower-case letters, digits and dashes")
      .refine(
        (name) => name !== "baseline" && name !== "default",
        "the names baseline and default are taken by the built-in endpoints",
      ),
    /** One server, or the first of `replicas`. */
    url: httpUrl.optional(),
    /** Several servers of the same model (one per GPU), each request to the least loaded. */
    replicas: z.array(httpUrl).min(1, "give at least one replica URL").optional(),
    model: z.string().min(1).optional(),
    apiKey: z.string().min(1).optional(),
    /** "regex": each request carries the output grammar, so a base model that ignores the format writes it anyway. */
    structured: z.enum(["regex"], { error: 'structured must be "regex" (or left out)' }).optional(),
    /** Which server the grammar is sent to, as each names the field: vLLM `structured_outputs`, SGLang `regex`. */
    server: z.enum(["vllm", "sglang"], { error: 'server must be "vllm" or "sglang"' }).default("vllm"),
  })
  .refine((entry) => entry.url !== undefined || entry.replicas !== undefined, "give url or replicas");

/** MODEL_ENDPOINTS: a JSON array of named model servers, beside the default one of MODEL_API_URL. */
const endpointListSchema = z.preprocess(
  (value, context) => {
    if (typeof value !== "string" || value.trim() === "") return [];
    try {
      return JSON.parse(value);
    } catch {
      context.addIssue({
        code: "custom",
        message:
          'must be a JSON array such as [{"name":"gpu-1","url":"http://10.0.0.5:8000/v1","model":"preferthinker-7b"}]',
      });
      return z.NEVER;
    }
  },
  z
    .array(endpointSchema)
    .refine((list) => new Set(list.map((entry) => entry.name)).size === list.length, "endpoint names must differ"),
);

/** MODEL_API_URL: one model server, or several replicas of it separated by commas. */
const replicaUrlList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((url) => url.trim())
      .filter(Boolean),
  )
  .pipe(z.array(httpUrl).min(1, "must be a URL such as http://127.0.0.1:8000/v1, or several separated by commas"));

/** A whole number in a range, with one message for every way it can be wrong. */
const wholeNumber = (min: number, max: number, fallback: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: message }).int(message).min(min, message).max(max, message).default(fallback),
  );
};

/** A duration in seconds; fractions allowed (tests use short ones). */
const seconds = (fallback: number) =>
  z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a number of seconds" })
      .positive("must be more than 0 seconds")
      .max(86_400, "must be at most 86400 seconds")
      .default(fallback),
  );

type ImageStoreVariables = {
  IMAGE_STORE: string;
  S3_FORCE_PATH_STYLE: "true" | "false";
  AWS_ENDPOINT_URL?: string;
  AWS_REGION?: string;
  DATA_DIR: string;
};

function imageStoreOf(parsed: ImageStoreVariables) {
  if (parsed.IMAGE_STORE === "folder")
    return { kind: "folder" as const, root: `${parsed.DATA_DIR.replace(/\/$/, "")}/images` };
  const [bucket, ...rest] = parsed.IMAGE_STORE.slice("s3://".length).split("/");
  const prefix = rest.join("/").replace(/^\/+|\/+$/g, "");
  return {
    kind: "s3" as const,
    bucket: bucket!,
    /** Keys start with it ("studio/" for s3://bucket/studio); empty for the whole bucket. */
    prefix: prefix ? `${prefix}/` : "",
    forcePathStyle: parsed.S3_FORCE_PATH_STYLE === "true",
    /** Unset: the SDK's own resolution (AWS, or AWS_ENDPOINT_URL_S3 and the shared config files). */
    endpoint: parsed.AWS_ENDPOINT_URL,
    /** S3-compatible servers mostly ignore it, but the SDK needs one. */
    region: parsed.AWS_REGION ?? "us-east-1",
  };
}

/** The environment's variables, each checked on its own so that a bad value names its variable. */
const environmentSchema = z.object({
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_SIZE: wholeNumber(1, 1000, 10),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default("./.data")),
  PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a whole number between 1 and 65535" })
      .int("must be a whole number between 1 and 65535")
      .min(1, "must be a whole number between 1 and 65535")
      .max(65535, "must be a whole number between 1 and 65535")
      .default(3000),
  ),
  HOST: z.preprocess(emptyAsUndefined, z.string().default("127.0.0.1")),
  PUBLIC_URL: z.preprocess(emptyAsUndefined, publicOrigin.optional()),
  MODEL_API_URL: z.preprocess(emptyAsUndefined, replicaUrlList.optional()),
  MODEL_PROBE_INTERVAL_S: seconds(5),
  MODEL_REPLICA_AFFINITY: z.preprocess(
    emptyAsUndefined,
    z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  ),
  MODEL_NAME: optionalString,
  MODEL_API_KEY: optionalString,
  MODEL_STRUCTURED: z.preprocess(
    emptyAsUndefined,
    z.enum(["off", "regex"], { error: "must be off or regex" }).default("off"),
  ),
  MODEL_SERVER: z.preprocess(
    emptyAsUndefined,
    z.enum(["vllm", "sglang"], { error: "must be vllm or sglang" }).default("vllm"),
  ),
  MODEL_ENDPOINTS: endpointListSchema,
  PROMPT_TEMPLATE: optionalString,
  IMAGE_MAX_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a number of bytes" })
      .int()
      .min(1024, "must be at least 1024")
      .default(25 * 1024 * 1024),
  ),
  IMAGE_MAX_PIXELS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: "must be a number of pixels" }).int().min(1, "must be at least 1").default(64_000_000),
  ),
  IMAGE_CONCURRENCY: z.preprocess(
    emptyAsUndefined,
    z.coerce.number({ error: "must be a whole number from 1 to 16" }).int().min(1).max(16).default(2),
  ),
  MODEL_IMAGE_LONG_SIDE: wholeNumber(64, 4096, 1024),
  MODEL_CONNECT_TIMEOUT: seconds(10),
  MODEL_FIRST_TOKEN_TIMEOUT: seconds(120),
  MODEL_IDLE_TIMEOUT: seconds(60),
  MODEL_TOTAL_TIMEOUT: seconds(900),
  MODEL_MAX_IN_FLIGHT: wholeNumber(1, 1024, 8),
  MODEL_MAX_QUEUED: wholeNumber(0, 10_000, 64),
  ASSESSMENTS_PER_USER: wholeNumber(1, 100, 2),
  EVAL_SHARE: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a number above 0 and at most 1, such as 0.75" })
      .gt(0, "must be a number above 0 and at most 1, such as 0.75")
      .max(1, "must be a number above 0 and at most 1, such as 0.75")
      .default(0.75),
  ),
  RUNS_PER_USER: wholeNumber(1, 100, 2),
  EVAL_LEASE_S: seconds(30),
  ASSESSMENT_LEASE_S: seconds(30),
  EVAL_MAX_ATTEMPTS: wholeNumber(1, 20, 3),
  EVAL_RETRY_BACKOFF_S: seconds(2),
  EVAL_FAILED_SHARE: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number({ error: "must be a number from 0 to 1, such as 0.1" })
      .min(0, "must be a number from 0 to 1, such as 0.1")
      .max(1, "must be a number from 0 to 1, such as 0.1")
      .default(0.1),
  ),
  TRUST_PROXY_HOPS: wholeNumber(0, 10, 0),
  SHUTDOWN_GRACE_S: seconds(20),
  DEMO_DATA: z.preprocess(emptyAsUndefined, z.enum(["on", "off"], { error: "must be on or off" }).default("on")),
  DEMO_IMPORT: z.preprocess(emptyAsUndefined, z.enum(["on", "off"], { error: "must be on or off" }).default("on")),
  DEMO_DIR: optionalString,
  BENCHMARK_DIR: optionalString,
  BENCHMARK_UPLOAD_MAX_MB: wholeNumber(1, 1_000_000, 4096),
  JSON_BODY_MAX_KB: wholeNumber(1, 1_000_000, 1024),
  SESSION_MAX_AGE_DAYS: wholeNumber(1, 3650, 90),
  SIGN_UP: z.preprocess(
    emptyAsUndefined,
    z.enum(["open", "invite", "closed"], { error: "must be open, invite or closed" }).default("open"),
  ),
  SIGN_UPS_PER_ADDRESS: wholeNumber(1, 100_000, 20),
  RESULTS_UPLOAD_MAX_MB: wholeNumber(1, 100_000, 256),
  IMAGE_STORE: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^(folder|s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*'()/-]*)?)$/,
        "must be folder, or s3://bucket or s3://bucket/prefix with a valid bucket name",
      )
      .default("folder"),
  ),
  S3_FORCE_PATH_STYLE: z.preprocess(
    emptyAsUndefined,
    z.enum(["true", "false"], { error: "must be true or false" }).default("false"),
  ),
  AWS_ENDPOINT_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  AWS_REGION: optionalString,
  DREAMSIM_MODEL_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(
        /^\/[A-Za-z0-9._~/-]*\/$/,
        "must be a path on this site that starts and ends with /, such as /models/dreamsim/",
      )
      .refine((path) => !path.split("/").includes(".."), "must not contain ..")
      .default("/models/dreamsim/"),
  ),
});

/** Every variable this module reads: the schema's own keys, so the list cannot drift from it. */
export const configVariables: readonly string[] = Object.keys(environmentSchema.shape);

/**
 * Variables the app reads through its libraries rather than this module, which a deployment may
 * set: the AWS SDK's key pair for an s3:// image store, the SDK's checksum settings (which
 * lib/images/s3-image-store.ts defers to), and Next's telemetry switch.
 */
export const libraryVariables: readonly string[] = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_REQUEST_CHECKSUM_CALCULATION",
  "AWS_RESPONSE_CHECKSUM_VALIDATION",
  "NEXT_TELEMETRY_DISABLED",
];

/**
 * The configuration the app runs with, built from the validated variables.
 * `AppConfig` is this schema's output type, so the shape is written once.
 */
const configSchema = environmentSchema.transform((parsed) => ({
  databaseUrl: parsed.DATABASE_URL,
  /** Connections the app keeps to a PostgreSQL server at most (the embedded database has one). */
  databasePoolSize: parsed.DATABASE_POOL_SIZE,
  dataDir: parsed.DATA_DIR,
  port: parsed.PORT,
  host: parsed.HOST,
  /** The origin people reach the app at (behind a proxy, say), e.g. https://studio.example.org; unset: the listening address alone. */
  publicUrl: parsed.PUBLIC_URL,
  /** The default model server (its first replica, for the health report). */
  model: parsed.MODEL_API_URL
    ? { apiUrl: parsed.MODEL_API_URL[0]!, name: parsed.MODEL_NAME, apiKey: parsed.MODEL_API_KEY }
    : undefined,
  /** Every configured model server, the default (MODEL_API_URL) first as "default"; `apiUrl` is its first replica. */
  endpoints: [
    ...(parsed.MODEL_API_URL
      ? [
          {
            name: "default",
            apiUrl: parsed.MODEL_API_URL[0]!,
            replicaUrls: parsed.MODEL_API_URL,
            model: parsed.MODEL_NAME,
            apiKey: parsed.MODEL_API_KEY,
            structuredFor: parsed.MODEL_STRUCTURED === "regex" ? parsed.MODEL_SERVER : undefined,
          },
        ]
      : []),
    ...parsed.MODEL_ENDPOINTS.map((entry) => {
      const replicaUrls = [...new Set([...(entry.url ? [entry.url] : []), ...(entry.replicas ?? [])])];
      return {
        name: entry.name,
        apiUrl: replicaUrls[0]!,
        replicaUrls,
        model: entry.model,
        apiKey: entry.apiKey,
        // The output grammar, in the form this server's API takes it; off unless asked for.
        structuredFor: entry.structured === "regex" ? entry.server : undefined,
      };
    }),
  ],
  /** How often each replica of an endpoint with several is asked whether it answers. */
  modelProbeIntervalMs: parsed.MODEL_PROBE_INTERVAL_S * 1000,
  /** Whether a reference set's requests prefer the replica that served it last (its prefix cache); off spreads by load alone. */
  replicaAffinity: parsed.MODEL_REPLICA_AFFINITY === "on",
  /** A built-in template id or the path of a template JSON file; unset: the default template. */
  promptTemplate: parsed.PROMPT_TEMPLATE,
  /** Reverse proxies in front of the app that append to X-Forwarded-For. */
  trustProxyHops: parsed.TRUST_PROXY_HOPS,
  /** On SIGTERM, how long work in progress may take to finish or let go before the database closes and the process exits. */
  shutdownGraceMs: parsed.SHUTDOWN_GRACE_S * 1000,
  /**
   * Where pictures are kept: the folder DATA_DIR/images, or an S3-compatible bucket (credentials
   * and the rest from the AWS SDK's standard settings; path-style addressing for MinIO-like servers).
   */
  imageStore: imageStoreOf(parsed),
  images: {
    maxBytes: parsed.IMAGE_MAX_BYTES,
    maxPixels: parsed.IMAGE_MAX_PIXELS,
    concurrency: parsed.IMAGE_CONCURRENCY,
  },
  /** The generated demo benchmark: written on first start unless turned off. */
  demo: {
    enabled: parsed.DEMO_DATA === "on",
    importForFirstAccount: parsed.DEMO_DATA === "on" && parsed.DEMO_IMPORT === "on",
    folder: parsed.DEMO_DIR ?? `${parsed.DATA_DIR.replace(/\/$/, "")}/demo-benchmark`,
  },
  /** Where benchmark folders may be imported from through the API (besides the demo); unset: the demo alone. */
  benchmarkDir: parsed.BENCHMARK_DIR,
  /** The largest benchmark zip accepted as an upload. */
  benchmarkUploadMaxBytes: parsed.BENCHMARK_UPLOAD_MAX_MB * 2 ** 20,
  /** Evaluation runs one researcher may have executing at once; the others wait, queued, oldest first. */
  runsPerUser: parsed.RUNS_PER_USER,
  /**
   * How long an assessment's row, and a place at a model server, stay their instance's without a
   * renewal (every third of it): past that, with instances sharing a PostgreSQL server, any of
   * them marks the assessment failed and gives the place up.
   */
  assessmentLeaseSeconds: parsed.ASSESSMENT_LEASE_S,
  /**
   * A run's samples as claimed tasks: a claim's lease (renewed every third of it while its
   * instance works; an instance that died gives its samples up when it runs out), the attempts a
   * failing sample gets (waiting `backoffSeconds`, doubled each time, in between), and the share
   * of failed samples past which the run ends failed rather than completed.
   */
  evaluationTasks: {
    leaseSeconds: parsed.EVAL_LEASE_S,
    maxAttempts: parsed.EVAL_MAX_ATTEMPTS,
    backoffSeconds: parsed.EVAL_RETRY_BACKOFF_S,
    failureShare: parsed.EVAL_FAILED_SHARE,
  },
  /**
   * Who may make an account (the installation's first account always may, and becomes admin):
   * anyone, people holding an admin's invitation, or nobody but admins. Open sign-ups succeed at most
   * `perAddressPerHour` times an hour from one address.
   */
  signUp: { policy: parsed.SIGN_UP, perAddressPerHour: parsed.SIGN_UPS_PER_ADDRESS },
  /** How long a session lasts from sign-in at most, however active (it also slides: 30 days from its last use). */
  sessionMaxAgeMs: parsed.SESSION_MAX_AGE_DAYS * 24 * 60 * 60 * 1000,
  /** The largest JSON request body any route reads, and the official results file's own larger limit. */
  bodyLimits: { jsonBytes: parsed.JSON_BODY_MAX_KB * 1024, resultsFileBytes: parsed.RESULTS_UPLOAD_MAX_MB * 2 ** 20 },
  /** The folder (a path on this site) holding DreamSim's manifest.json and ONNX file, which browsers download. */
  dreamsimModelUrl: parsed.DREAMSIM_MODEL_URL,
  /** How the app talks to model servers: timeouts, admission limits, the size of the images it sends. */
  inference: {
    /** Images go to a model server downscaled to at most this many pixels on their long side. */
    imageLongSide: parsed.MODEL_IMAGE_LONG_SIDE,
    timeouts: {
      connectMs: parsed.MODEL_CONNECT_TIMEOUT * 1000,
      firstTokenMs: parsed.MODEL_FIRST_TOKEN_TIMEOUT * 1000,
      idleMs: parsed.MODEL_IDLE_TIMEOUT * 1000,
      totalMs: parsed.MODEL_TOTAL_TIMEOUT * 1000,
    },
    /**
     * Per endpoint: requests running at once, people's requests waiting, and the part of the running
     * slots evaluation runs' lanes may hold together; per person: assessments running or waiting.
     */
    admission: {
      maxInFlight: parsed.MODEL_MAX_IN_FLIGHT,
      maxQueued: parsed.MODEL_MAX_QUEUED,
      maxPerUser: parsed.ASSESSMENTS_PER_USER,
      evaluationShare: parsed.EVAL_SHARE,
    },
  },
}));

export type AppConfig = z.output<typeof configSchema>;
export type ImageStoreConfig = AppConfig["imageStore"];
export type ModelEndpointConfig = AppConfig["endpoints"][number];
export type InferenceConfig = AppConfig["inference"];
export type SignUpPolicy = AppConfig["signUp"]["policy"];

/** Thrown when the environment holds a value the app cannot start with. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      "Invalid configuration:\n" + problems.map((problem) => `  ${problem.variable}: ${problem.message}`).join("\n"),
    );
    this.name = "ConfigError";
  }
}

/** Variables whose values may hold credentials: never echoed back. */
const secretVariables = new Set(["DATABASE_URL", "MODEL_API_KEY", "MODEL_API_URL", "MODEL_ENDPOINTS"]);

function describeValue(variable: string, value: string | undefined): string {
  if (value === undefined) return "it is unset";
  return secretVariables.has(variable) ? "value not shown: it may hold credentials" : `got ${JSON.stringify(value)}`;
}

/** Parses the given environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? "environment");
        return { variable, message: `${issue.message} (${describeValue(variable, env[variable])})` };
      }),
    );
  }
  return result.data;
}

let cached: AppConfig | undefined;

/** The process's configuration, parsed on first use. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Forgets the parsed configuration, so the next getConfig reads the environment again: for tests that change it. */
export function reloadConfig(): void {
  cached = undefined;
}
