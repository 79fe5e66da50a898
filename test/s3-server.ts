import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { findFreePort } from "./postgres-server";

/**
 * A throwaway S3-compatible server for tests and benchmarks: s3rver from npm,
 * started as its own process on a free port of 127.0.0.1, with one bucket, in
 * a temporary folder removed on stop. `env` is what an app instance needs to
 * keep its pictures there, through the AWS SDK's standard settings.
 */
export type S3Server = {
  endpoint: string;
  bucket: string;
  pid: number;
  /** IMAGE_STORE, AWS_ENDPOINT_URL, path-style addressing and s3rver's fixed credentials. */
  env(prefix?: string): Record<string, string>;
  stop(): Promise<void>;
};

/** s3rver accepts these and only these. */
export const s3rverCredentials = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" };

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export async function startS3Server(bucket = "studio-images"): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), "studio-s3-"));
  const port = await findFreePort();
  const bin = join(dirname(createRequire(import.meta.url).resolve("s3rver/package.json")), "bin", "s3rver.js");
  const child = spawn(
    process.execPath,
    [bin, "-d", directory, "-a", "127.0.0.1", "-p", String(port), "--silent", "--configure-bucket", bucket],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  running.add(child);
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  // Ready once the bucket answers: s3rver creates it before it listens.
  for (;;) {
    if (child.exitCode !== null) throw new Error(`s3rver exited while starting: ${errors}`);
    const status = await fetch(`${endpoint}/${bucket}`, { method: "HEAD" }).then(
      (response) => response.status,
      () => 0,
    );
    if (status > 0 && status < 500) break;
    if (Date.now() > deadline) throw new Error(`s3rver did not start within 30 s: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    endpoint,
    bucket,
    pid: child.pid!,
    env: (prefix = "") => ({
      IMAGE_STORE: `s3://${bucket}${prefix ? `/${prefix}` : ""}`,
      AWS_ENDPOINT_URL: endpoint,
      S3_FORCE_PATH_STYLE: "true",
      AWS_REGION: "us-east-1",
      // The SDK's notice that Node 20 support ends: the README names the Node versions the Studio runs on.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      ...s3rverCredentials,
    }),
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      running.delete(child);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
