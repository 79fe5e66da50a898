import { readdirSync, rmSync } from "node:fs";

import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/test/test-databases";
import {
  assessmentBody,
  nextNumber,
  ownerAnsweredTasteSession,
  ownerAssessmentId,
  ownerCheckingTasteSession,
  ownerImageId,
  ownerSet,
  ownerTastePool,
  ownerTasteSession,
} from "./authorization-matrix-fixtures";
import { callRoute } from "@/test/route-harness";
import { createApiToken } from "@/lib/db/api-tokens";

import { createSession } from "@/lib/db/sessions";
import { findLibraryImages } from "@/lib/db/images";
import { createReferenceSet } from "@/lib/db/reference-sets";
import { createInvitation } from "@/lib/db/invitations";
import { createAccountWithPasswordLink } from "@/lib/db/password-links";
import { startFakeModelServer, type FakeModelServer } from "@/test/fake-model-server";
import { setEnvironmentForSuite } from "@/test/fixtures/environment";
import { createPersonWithRoles, testPassword } from "@/test/fixtures/people";
import { makePng } from "@/test/image-samples";
import { writeDemoBenchmark } from "@/lib/demo/write-demo-benchmark";

import { markReady } from "@/lib/server/drain";
import { adminsOnly, type Cell, everyone, signedIn } from "./authorization-matrix-callers";
import { type Caller, callers, type Context } from "./authorization-matrix-callers";
import { matrixDataDir } from "./authorization-matrix-data-dir";
import { researchMatrix } from "./authorization-matrix-research";

/**
 * Every API route, every kind of caller, the status each must get. Routes
 * are found on disk: a route missing from this table fails the test, so no
 * new route can skip its access rule.
 */

// Uploaded images go to this run's own store.
const dataDir = matrixDataDir;

const matrix: Record<string, Cell> = {
  "GET /api/health": { expected: everyone(200), request: () => ({ path: "/api/health" }) },
  "GET /api/health/ready": {
    // What a load balancer polls: no caller is looked up. Ready once start-up has opened the database.
    expected: everyone(200),
    request: () => {
      markReady();
      return { path: "/api/health/ready" };
    },
  },
  "POST /api/auth/sign-up": {
    expected: everyone(201),
    request: () => ({
      path: "/api/auth/sign-up",
      body: { email: `new-${nextNumber()}@example.com`, password: testPassword },
    }),
  },
  "POST /api/auth/sign-in": {
    expected: everyone(200),
    request: ({ people }) => ({
      path: "/api/auth/sign-in",
      body: { email: people.owner.email, password: testPassword },
    }),
  },
  "POST /api/auth/sign-out": { expected: everyone(204), request: () => ({ path: "/api/auth/sign-out" }) },
  "GET /api/auth/session": { expected: everyone(200), request: () => ({ path: "/api/auth/session" }) },
  "GET /api/admin/users": { expected: adminsOnly(200), request: () => ({ path: "/api/admin/users" }) },
  "POST /api/admin/users": {
    expected: adminsOnly(201),
    request: () => ({
      path: "/api/admin/users",
      body: { email: `made-${nextNumber()}@example.com`, roles: ["annotator"] },
    }),
  },
  "POST /api/admin/users/[id]/password-link": {
    expected: adminsOnly(201),
    request: ({ people }) => ({
      path: `/api/admin/users/${people.target.id}/password-link`,
      params: { id: people.target.id },
      body: {},
    }),
  },
  "GET /api/admin/invitations": { expected: adminsOnly(200), request: () => ({ path: "/api/admin/invitations" }) },
  "POST /api/admin/invitations": {
    expected: adminsOnly(201),
    request: () => ({ path: "/api/admin/invitations", body: { roles: ["researcher"], note: "matrix" } }),
  },
  "DELETE /api/admin/invitations/[id]": {
    expected: adminsOnly(204),
    request: async ({ database, people }) => {
      const { invitation } = await createInvitation(database, {
        createdById: people.admin.id,
        roles: [],
        note: "",
        expiresAt: new Date(Date.now() + 60_000),
      });
      return { path: `/api/admin/invitations/${invitation.id}`, params: { id: invitation.id } };
    },
  },
  "POST /api/auth/password": {
    // The link is the credential: whoever holds it sets the password, signed in or not.
    expected: everyone(200),
    request: async ({ database, people }) => {
      const made = await createAccountWithPasswordLink(database, {
        email: `linked-${nextNumber()}@example.com`,
        roles: [],
        createdById: people.admin.id,
        expiresAt: new Date(Date.now() + 60_000),
      });
      return { path: "/api/auth/password", body: { token: made!.token, password: testPassword } };
    },
  },
  "PATCH /api/admin/users/[id]": {
    expected: adminsOnly(200),
    request: ({ people }) => ({
      path: `/api/admin/users/${people.target.id}`,
      params: { id: people.target.id },
      body: { roles: ["annotator"] },
    }),
  },
  "POST /api/images": {
    expected: signedIn(201),
    request: async () => {
      const form = new FormData();
      form.append("files", new Blob([new Uint8Array(await makePng(8 + (nextNumber() % 50), 8))]), "picture.png");
      return { path: "/api/images", body: form };
    },
  },
  "GET /api/images": { expected: signedIn(200), request: () => ({ path: "/api/images" }) },
  "POST /api/images/removals": {
    // Ids outside the caller's library are ignored (a repeat changes nothing), so everyone signed in gets 200; only the owner's call removes.
    expected: signedIn(200),
    request: async ({ database, people }) => ({
      path: "/api/images/removals",
      body: { imageIds: [await ownerImageId(database, people.owner.id)] },
    }),
  },
  "GET /api/images/[id]/[variant]": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 200 },
    request: async ({ database, people }) => {
      const [image] = await findLibraryImages(database, people.owner.id, { limit: 1 });
      const id = image?.id ?? (await ownerImageId(database, people.owner.id));
      return { path: `/api/images/${id}/thumb`, params: { id, variant: "thumb" } };
    },
  },
  "GET /api/models": { expected: signedIn(200), request: () => ({ path: "/api/models" }) },
  "POST /api/assessments": {
    // Built from the owner's images: to anyone else they are unknown images.
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => ({
      path: "/api/assessments",
      body: await assessmentBody(database, people.owner.id),
    }),
  },
  "GET /api/assessments": { expected: signedIn(200), request: () => ({ path: "/api/assessments" }) },
  "GET /api/assessments/[id]": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 200 },
    request: async ({ database, people }) => {
      const id = await ownerAssessmentId(database, people.owner.id);
      return { path: `/api/assessments/${id}`, params: { id } };
    },
  },
  "GET /api/assessments/[id]/events": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 200 },
    request: async ({ database, people }) => {
      const id = await ownerAssessmentId(database, people.owner.id);
      return { path: `/api/assessments/${id}/events`, params: { id } };
    },
  },
  "POST /api/assessments/[id]/cancel": {
    // The assessment has ended: those who may reach it hear 409, the others that it does not exist.
    expected: { anonymous: 401, owner: 409, other: 404, annotator: 404, researcher: 404, admin: 409 },
    request: async ({ database, people }) => {
      const id = await ownerAssessmentId(database, people.owner.id);
      return { path: `/api/assessments/${id}/cancel`, params: { id } };
    },
  },
  "PUT /api/assessments/[id]/judgment": {
    // Only the owner judges: to anyone else, admins included, the assessment does not exist.
    expected: { anonymous: 401, owner: 201, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const id = await ownerAssessmentId(database, people.owner.id);
      return {
        path: `/api/assessments/${id}/judgment`,
        params: { id },
        body: { choice: "A" },
        headers: { "idempotency-key": `matrix-${nextNumber()}` },
      };
    },
  },
  "GET /api/assessments/agreement": {
    expected: signedIn(200),
    request: () => ({ path: "/api/assessments/agreement" }),
  },
  "GET /api/reference-sets": { expected: signedIn(200), request: () => ({ path: "/api/reference-sets" }) },
  "POST /api/reference-sets": {
    // Built from the owner's images: to anyone else they are unknown images.
    expected: { anonymous: 401, owner: 201, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { preferredImageIds, nonPreferredImageIds } = await assessmentBody(database, people.owner.id);
      return { path: "/api/reference-sets", body: { name: "References", preferredImageIds, nonPreferredImageIds } };
    },
  },
  "GET /api/reference-sets/[id]": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 200 },
    request: async ({ database, people }) => {
      const { id } = await createReferenceSet(database, people.owner.id, ownerSet());
      return { path: `/api/reference-sets/${id}`, params: { id } };
    },
  },
  "GET /api/reference-sets/[id]/profile": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 200 },
    request: async ({ database, people }) => {
      const { id } = await createReferenceSet(database, people.owner.id, ownerSet());
      return { path: `/api/reference-sets/${id}/profile`, params: { id } };
    },
  },
  "PATCH /api/reference-sets/[id]": {
    // Admins may read someone's set, but only its owner changes it.
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { id } = await createReferenceSet(database, people.owner.id, ownerSet());
      return { path: `/api/reference-sets/${id}`, params: { id }, body: { name: "Renamed" } };
    },
  },
  "DELETE /api/reference-sets/[id]": {
    expected: { anonymous: 401, owner: 204, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { id } = await createReferenceSet(database, people.owner.id, ownerSet());
      return { path: `/api/reference-sets/${id}`, params: { id } };
    },
  },
  // A taste quiz is personal data: its owner alone reaches it, admins included in "everyone else".
  "POST /api/taste/sessions": {
    // Only the owner has the forty library pictures a quiz needs; the others are told so (400) after the access check.
    expected: { anonymous: 401, owner: 201, other: 400, annotator: 400, researcher: 400, admin: 400 },
    request: async ({ database, people }) => {
      await ownerTastePool(database, people.owner.id);
      return { path: "/api/taste/sessions", body: { pool: { kind: "library" } } };
    },
  },
  "GET /api/taste/sessions/current": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      await ownerTasteSession(database, people.owner.id);
      return { path: "/api/taste/sessions/current" };
    },
  },
  "GET /api/taste/sessions/[id]": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { id } = await ownerTasteSession(database, people.owner.id);
      return { path: `/api/taste/sessions/${id}`, params: { id } };
    },
  },
  "POST /api/taste/sessions/[id]/answers": {
    expected: { anonymous: 401, owner: 201, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { id, next } = await ownerTasteSession(database, people.owner.id);
      return {
        path: `/api/taste/sessions/${id}/answers`,
        params: { id },
        body: { ...next, choice: 2, key: `matrix-${nextNumber()}` },
      };
    },
  },
  "POST /api/taste/sessions/[id]/undo": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const id = await ownerAnsweredTasteSession(database, people.owner.id);
      return { path: `/api/taste/sessions/${id}/undo`, params: { id } };
    },
  },
  "GET /api/taste/sessions/[id]/result": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const id = await ownerAnsweredTasteSession(database, people.owner.id);
      return { path: `/api/taste/sessions/${id}/result`, params: { id } };
    },
  },
  "POST /api/taste/sessions/[id]/finish": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { id } = await ownerTasteSession(database, people.owner.id);
      return { path: `/api/taste/sessions/${id}/finish`, params: { id }, body: {} };
    },
  },
  "GET /api/taste/sessions/[id]/check": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { id } = await ownerTasteSession(database, people.owner.id);
      return { path: `/api/taste/sessions/${id}/check`, params: { id } };
    },
  },
  "POST /api/taste/sessions/[id]/check": {
    expected: { anonymous: 401, owner: 201, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const id = await ownerAnsweredTasteSession(database, people.owner.id);
      return { path: `/api/taste/sessions/${id}/check`, params: { id } };
    },
  },
  "POST /api/taste/sessions/[id]/check/answers": {
    expected: { anonymous: 401, owner: 201, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { id, next } = await ownerCheckingTasteSession(database, people.owner.id);
      return {
        path: `/api/taste/sessions/${id}/check/answers`,
        params: { id },
        body: { ...next, choice: 2, key: `matrix-${nextNumber()}` },
      };
    },
  },
  "POST /api/taste/sessions/[id]/check/undo": {
    expected: { anonymous: 401, owner: 200, other: 404, annotator: 404, researcher: 404, admin: 404 },
    request: async ({ database, people }) => {
      const { id } = await ownerCheckingTasteSession(database, people.owner.id, 1);
      return { path: `/api/taste/sessions/${id}/check/undo`, params: { id } };
    },
  },
  "GET /api/demo": { expected: signedIn(200), request: () => ({ path: "/api/demo" }) },
  "GET /api/demo/samples": {
    expected: signedIn(200),
    request: () => ({ path: "/api/demo/samples?subset=TEST_SP_ID" }),
  },
  "GET /api/demo/images/[...path]": {
    expected: signedIn(200),
    request: () => ({
      path: "/api/demo/images/TEST_SP_ID/000_liked_1.jpg",
      params: { path: ["TEST_SP_ID", "000_liked_1.jpg"] },
    }),
  },
  "POST /api/demo/samples/import": {
    expected: signedIn(201),
    request: () => ({ path: "/api/demo/samples/import", body: { subset: "TEST_SP_ID", index: 0 } }),
  },
  // Each researcher imports the demo into their own account once.
  ...researchMatrix,
  "GET /api/tokens": { expected: signedIn(200), request: () => ({ path: "/api/tokens" }) },
  "POST /api/tokens": { expected: signedIn(201), request: () => ({ path: "/api/tokens", body: { name: "script" } }) },
  "DELETE /api/tokens/[id]": {
    // Owned rows: the owner and admins reach them; to anyone else they do not exist.
    expected: { anonymous: 401, owner: 204, other: 404, annotator: 404, researcher: 404, admin: 204 },
    request: async ({ database, people }) => {
      const { record } = await createApiToken(database, people.owner.id, "owned");
      return { path: `/api/tokens/${record.id}`, params: { id: record.id } };
    },
  },
};

/** Every `METHOD /api/...` the app serves, read from app/api/**\/route.ts. */
async function findRoutes(): Promise<{ key: string; module: Record<string, unknown>; method: string }[]> {
  const apiDir = resolve("app/api");
  const files = readdirSync(apiDir, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith("route.ts"));
  const routes = [];
  for (const file of files) {
    const routeModule = (await import(join(apiDir, file))) as Record<string, unknown>;
    const path = `/api/${file.replace(/\/?route\.ts$/, "")}`.replace(/\/$/, "");
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      if (typeof routeModule[method] === "function")
        routes.push({ key: `${method} ${path}`, module: routeModule, method });
    }
  }
  return routes;
}

let context: Context;
let modelServer: FakeModelServer;
let routes: Awaited<ReturnType<typeof findRoutes>>;

beforeAll(async () => {
  modelServer = await startFakeModelServer();
});
setEnvironmentForSuite(() => ({
  DATA_DIR: dataDir,
  DEMO_DIR: join(dataDir, "demo"),
  MODEL_API_URL: modelServer.url,
  MODEL_NAME: "preferthinker-7b",
}));
beforeAll(async () => {
  await writeDemoBenchmark(join(dataDir, "demo"), { sizes: { TEST_SP_ID: 1 } });
  const database = await openTestDatabase("postgres");
  context = {
    database,
    people: {
      admin: await createPersonWithRoles(database, "admin@example.com", ["admin"]),
      owner: await createPersonWithRoles(database, "owner@example.com", ["user"]),
      other: await createPersonWithRoles(database, "other@example.com", ["user"]),
      annotator: await createPersonWithRoles(database, "annotator@example.com", ["annotator"]),
      researcher: await createPersonWithRoles(database, "researcher@example.com", ["researcher"]),
      target: await createPersonWithRoles(database, "target@example.com", ["user"]),
    },
  };
  routes = await findRoutes();
});

afterAll(async () => {
  await context.database.close();
  await modelServer.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the authorisation matrix", () => {
  it("lists every API route the app serves, and only those", () => {
    expect(routes.map((route) => route.key).sort()).toEqual(Object.keys(matrix).sort());
  });

  it.each(Object.keys(matrix))("%s answers each caller as the table says", async (key) => {
    const route = routes.find((candidate) => candidate.key === key);
    expect(route, `${key} is in the table but not served`).toBeDefined();
    const cell = matrix[key]!;
    const actual: Partial<Record<Caller, number>> = {};
    for (const caller of callers) {
      const request = await cell.request(context);
      const sessionToken =
        caller === "anonymous" ? undefined : (await createSession(context.database, context.people[caller].id)).token;
      const response = await callRoute(route!.module, route!.method, request.path, { ...request, sessionToken });
      actual[caller] = response.status;
    }
    expect(actual).toEqual(cell.expected);
  });
});
