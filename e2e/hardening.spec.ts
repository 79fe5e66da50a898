import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { sharedStudio } from "./support/shared-server";
import { type StudioProcess, startStudio } from "./support/studio-process";

/**
 * What a stranger can send, over real HTTP. Request bodies are bounded before
 * they are read: a 300 MB body to sign-in is refused at once with a 413,
 * whether it declares its length or streams without one, and the server stays
 * healthy. Requests under another site's host name reach nothing.
 */

/** A GET with a Host header of our choosing (fetch may not set one). */
function getWithHost(
  url: string,
  path: string,
  host: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, url), { headers: { Host: host } }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (text: string) => (body += text));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

type Sent = { status: number; body: string; sentBytes: number };

/** Posts `totalBytes` of JSON-looking filler, chunked or with a Content-Length, and resolves as soon as the answer is in. */
function postLargeBody(url: string, totalBytes: number, declareLength: boolean): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sentBytes = 0;
    const target = new URL("/api/auth/sign-in", url);
    const request = httpRequest(target, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Origin: url,
        ...(declareLength ? { "Content-Length": String(totalBytes) } : {}),
      },
    });
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (text: string) => (body += text));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body, sentBytes });
      });
    });
    // The server may close the connection while we still write: only a missing answer is a failure.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sentBytes < totalBytes) {
        sentBytes += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    request.write("{");
    pump();
  });
}

test.describe("request bodies", () => {
  const studio = sharedStudio;

  for (const declareLength of [true, false]) {
    test(`a 300 MB body to sign-in ${declareLength ? "that declares its length" : "streamed without a length"} is refused with 413 long before it is all sent`, async () => {
      const sent = await postLargeBody(studio.url, 300 * 1024 * 1024, declareLength);
      expect(sent.status).toBe(413);
      expect(JSON.parse(sent.body)).toEqual({
        error: { code: "payload_too_large", message: "The request body is larger than the 1 MB this server accepts." },
      });
      // Refused at the first megabytes, not after the server took in 300 of them.
      expect(sent.sentBytes).toBeLessThan(100 * 1024 * 1024);
      const health = await fetch(`${studio.url}/api/health`);
      expect(health.status).toBe(200);
    });
  }

  test("a body within the limit is read as before", async () => {
    const response = await fetch(`${studio.url}/api/auth/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: studio.url },
      body: JSON.stringify({ email: "nobody@example.com", password: "a long and unusual passphrase" }),
    });
    expect(response.status).toBe(401);
  });
});

test.describe("host names", () => {
  let studio: StudioProcess;
  test.beforeAll(async () => {
    studio = await startStudio({ PUBLIC_URL: "https://studio.example.org" });
  });
  test.afterAll(async () => {
    await studio.stop();
  });

  test("a page or an API route asked for under another site's name (DNS rebinding) gets a 400 and nothing else", async () => {
    const port = new URL(studio.url).port;
    for (const path of ["/", "/assess", "/api/health", "/api/images", "/api/auth/session"]) {
      const refused = await getWithHost(studio.url, path, `rebound.attacker.example:${port}`);
      expect(refused.status, path).toBe(400);
      expect(refused.body).toContain("does not answer to");
      expect(refused.headers["set-cookie"]).toBeUndefined();
    }
    // Our own names: PUBLIC_URL's host, and the loopback names of the port.
    for (const host of ["studio.example.org", `localhost:${port}`, `127.0.0.1:${port}`])
      expect((await getWithHost(studio.url, "/api/health", host)).status, host).toBe(200);
  });

  test("cookies are Secure and same-origin checks take PUBLIC_URL's origin, behind a proxy that rewrites the host", async () => {
    const signedUp = await fetch(`${studio.url}/api/auth/sign-up`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://studio.example.org" },
      body: JSON.stringify({ email: "behind-proxy@example.com", password: "a long and unusual passphrase" }),
    });
    expect(signedUp.status).toBe(201);
    expect(signedUp.headers.get("set-cookie")).toMatch(/; Secure/i);
    const foreign = await fetch(`${studio.url}/api/auth/sign-up`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://evil.example" },
      body: JSON.stringify({ email: "cross-site@example.com", password: "a long and unusual passphrase" }),
    });
    expect(foreign.status).toBe(403);
  });
});
