import { join } from "node:path";

import {
  goldAnnotation,
  nextNumber,
  researcherQueue,
  researcherResultId,
  researcherRunId,
  researcherRunWithResult,
  researcherRunWithSample,
  researcherSubsetId,
} from "./authorization-matrix-fixtures";

import { claimNextItem, submitAnnotation } from "@/lib/db/annotation-claims";

import { zipFolder } from "@/test/zip-folder";

import { annotators, type Cell, researchers } from "./authorization-matrix-callers";
import { matrixDataDir } from "./authorization-matrix-data-dir";

/** The authorisation matrix's rows for the researchers' and annotators' routes (benchmarks, annotation). */
export const researchMatrix: Record<string, Cell> = {
  "POST /api/benchmarks/imports": {
    expected: researchers(201),
    request: () => ({ path: "/api/benchmarks/imports", body: { folder: join(matrixDataDir, "demo") } }),
  },
  "POST /api/benchmarks/imports/zip": {
    expected: researchers(201),
    request: async () => ({
      path: `/api/benchmarks/imports/zip?name=matrix-${nextNumber()}.zip`,
      body: await zipFolder(join(matrixDataDir, "demo")),
      headers: { "content-type": "application/zip" },
    }),
  },
  "GET /api/benchmarks/subsets": { expected: researchers(200), request: () => ({ path: "/api/benchmarks/subsets" }) },
  "POST /api/benchmarks/subsets/[id]/results": {
    // Only the subset's owner adds runs to it: to an admin it does not exist.
    expected: { ...researchers(201), admin: 404 },
    request: async ({ database, people }) => {
      const id = await researcherSubsetId(database, people.researcher.id);
      return { path: `/api/benchmarks/subsets/${id}/results`, params: { id }, body: { accuracy: 0, results: [] } };
    },
  },
  "POST /api/benchmarks/runs": {
    expected: { ...researchers(201), admin: 404 },
    request: async ({ database, people }) => ({
      path: "/api/benchmarks/runs",
      body: { subsetId: await researcherSubsetId(database, people.researcher.id), endpoint: "baseline" },
    }),
  },
  "GET /api/benchmarks/runs": { expected: researchers(200), request: () => ({ path: "/api/benchmarks/runs" }) },
  "GET /api/benchmarks/runs/[id]": {
    expected: researchers(200),
    request: async ({ database, people }) => {
      const id = await researcherRunId(database, people.researcher.id);
      return { path: `/api/benchmarks/runs/${id}`, params: { id } };
    },
  },
  "POST /api/benchmarks/runs/[id]/cancel": {
    // A queued run: its owner cancels it; to an admin it does not exist for changing.
    expected: { ...researchers(202), admin: 404 },
    request: async ({ database, people }) => {
      const id = await researcherRunId(database, people.researcher.id);
      return { path: `/api/benchmarks/runs/${id}/cancel`, params: { id } };
    },
  },
  "POST /api/benchmarks/runs/[id]/resume": {
    // A cancelled run: its owner resumes it; to an admin it does not exist for changing.
    expected: { ...researchers(202), admin: 404 },
    request: async ({ database, people }) => {
      const id = await researcherRunId(database, people.researcher.id, { status: "cancelled" });
      return { path: `/api/benchmarks/runs/${id}/resume`, params: { id } };
    },
  },
  "GET /api/benchmarks/runs/[id]/export": {
    expected: researchers(200),
    request: async ({ database, people }) => {
      const id = await researcherRunId(database, people.researcher.id);
      return { path: `/api/benchmarks/runs/${id}/export?format=csv`, params: { id } };
    },
  },
  "GET /api/benchmarks/runs/[id]/results": {
    expected: researchers(200),
    request: async ({ database, people }) => {
      const id = await researcherRunId(database, people.researcher.id);
      return { path: `/api/benchmarks/runs/${id}/results?q=answer`, params: { id } };
    },
  },
  "GET /api/benchmarks/results/[id]": {
    expected: researchers(200),
    request: async ({ database, people }) => {
      const id = await researcherResultId(database, people.researcher.id);
      return { path: `/api/benchmarks/results/${id}`, params: { id } };
    },
  },
  "GET /api/benchmarks/compare": {
    expected: researchers(200),
    request: async ({ database, people }) => {
      const subsetId = await researcherSubsetId(database, people.researcher.id);
      const [a, b] = await Promise.all([
        researcherRunId(database, people.researcher.id, { subsetId }),
        researcherRunId(database, people.researcher.id, { subsetId }),
      ]);
      return { path: `/api/benchmarks/compare?a=${a}&b=${b}` };
    },
  },
  "GET /api/benchmarks/runs/[id]/similarity": {
    expected: researchers(200),
    request: async ({ database, people }) => {
      const id = await researcherRunId(database, people.researcher.id);
      return { path: `/api/benchmarks/runs/${id}/similarity`, params: { id } };
    },
  },
  "GET /api/benchmarks/runs/[id]/analysis": {
    expected: researchers(200),
    request: async ({ database, people }) => {
      const id = await researcherRunId(database, people.researcher.id);
      return { path: `/api/benchmarks/runs/${id}/analysis`, params: { id } };
    },
  },
  "GET /api/benchmarks/runs/[id]/report": {
    expected: researchers(200),
    request: async ({ database, people }) => {
      const id = await researcherRunId(database, people.researcher.id);
      return { path: `/api/benchmarks/runs/${id}/report`, params: { id } };
    },
  },
  "PUT /api/benchmarks/runs/[id]/similarity": {
    // Votes are stored by the run's owner alone: to an admin it does not exist for changing.
    expected: { ...researchers(200), admin: 404 },
    request: async ({ database, people }) => {
      const { runId, sampleId } = await researcherRunWithSample(database, people.researcher.id);
      const distances = { liked: [0.5], disliked: [0.5] };
      return {
        path: `/api/benchmarks/runs/${runId}/similarity`,
        params: { id: runId },
        body: { votes: [{ sampleId, vote: "tie", distances: { a: distances, b: distances }, modelVersion: "test@0" }] },
      };
    },
  },
  "GET /api/annotation/queues": { expected: researchers(200), request: () => ({ path: "/api/annotation/queues" }) },
  "POST /api/annotation/queues": {
    // From the researcher's run: admins may read it, so they may make a queue of it too.
    expected: researchers(201),
    request: async ({ database, people }) => ({
      path: "/api/annotation/queues",
      body: {
        name: "Matrix",
        filter: { source: "run", runId: await researcherRunWithResult(database, people.researcher.id) },
      },
    }),
  },
  "GET /api/annotation/queues/[id]": {
    expected: researchers(200),
    request: async (context) => {
      const { queueId } = await researcherQueue(context, 1);
      return { path: `/api/annotation/queues/${queueId}`, params: { id: queueId } };
    },
  },
  "POST /api/annotation/queues/[id]/claims": {
    expected: annotators(200),
    request: async (context) => {
      const { queueId } = await researcherQueue(context, 2);
      return { path: `/api/annotation/queues/${queueId}/claims`, params: { id: queueId } };
    },
  },
  "GET /api/annotation/queues/[id]/review": {
    expected: researchers(200),
    request: async (context) => {
      const { queueId } = await researcherQueue(context, 1);
      return { path: `/api/annotation/queues/${queueId}/review`, params: { id: queueId } };
    },
  },
  "GET /api/annotation/queues/[id]/export": {
    expected: researchers(200),
    request: async (context) => {
      const { queueId } = await researcherQueue(context, 1);
      return { path: `/api/annotation/queues/${queueId}/export?format=jsonl`, params: { id: queueId } };
    },
  },
  "GET /api/annotation/work": { expected: annotators(200), request: () => ({ path: "/api/annotation/work" }) },
  "POST /api/annotation/items/[id]/annotations": {
    // The annotator and the admin each hold the item; nobody else may annotate.
    expected: annotators(201),
    request: async (context) => {
      const { queueId, itemId } = await researcherQueue(context, 2);
      for (const person of [context.people.annotator, context.people.admin])
        await claimNextItem(context.database, queueId, person.id, 60_000);
      return { path: `/api/annotation/items/${itemId}/annotations`, params: { id: itemId }, body: goldAnnotation() };
    },
  },
  "PUT /api/annotation/items/[id]/resolution": {
    // A disputed item of the researcher's queue: its maker and admins settle it.
    expected: researchers(200),
    request: async (context) => {
      const { queueId, itemId } = await researcherQueue(context, 2);
      for (const [person, verdict] of [
        [context.people.annotator, "gold"],
        [context.people.admin, "rejected"],
      ] as const) {
        await claimNextItem(context.database, queueId, person.id, 60_000);
        await submitAnnotation(context.database, itemId, person.id, {
          verdict,
          body: { ...goldAnnotation(), verdict },
        });
      }
      return { path: `/api/annotation/items/${itemId}/resolution`, params: { id: itemId }, body: goldAnnotation() };
    },
  },
  "DELETE /api/annotation/annotations/[id]": {
    // The annotator's own fresh annotation: only they take it back; to an admin it is not theirs.
    expected: { ...annotators(200), admin: 404 },
    request: async (context) => {
      const { queueId, itemId } = await researcherQueue(context, 1);
      await claimNextItem(context.database, queueId, context.people.annotator.id, 60_000);
      const annotation = await submitAnnotation(context.database, itemId, context.people.annotator.id, {
        verdict: "gold",
        body: goldAnnotation(),
      });
      return { path: `/api/annotation/annotations/${annotation!.id}`, params: { id: annotation!.id } };
    },
  },
  "GET /api/annotation/items/[id]/images/[imageId]": {
    // Whoever may work on the item or manage its queue sees its pictures, though they are the researcher's uploads.
    expected: { anonymous: 401, owner: 404, other: 404, annotator: 200, researcher: 200, admin: 200 },
    request: async (context) => {
      const { itemId, imageId } = await researcherQueue(context, 1);
      return { path: `/api/annotation/items/${itemId}/images/${imageId}`, params: { id: itemId, imageId } };
    },
  },
};
