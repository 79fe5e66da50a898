import { importDemoSampleSchema, importedDemoSampleSchema } from "@/lib/demo/demo-contract";
import { defineRoute } from "@/lib/http/define-route";
import { importDemoSample } from "@/lib/server/demo/import-demo-sample";
import { jsonResponse } from "@/lib/http/json-response";

/** POST /api/demo/samples/import {subset, index}: the sample's pictures into the caller's library; 201 with the ids grouped. */
export const POST = defineRoute(
  { access: "own-data", body: importDemoSampleSchema },
  async ({ body, database, actor }) => {
    return jsonResponse(importedDemoSampleSchema, await importDemoSample(database, actor, body.subset, body.index), {
      status: 201,
    });
  },
);
