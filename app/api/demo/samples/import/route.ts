import { readJsonBody, route } from "@/lib/auth/route";
import { importDemoSampleSchema } from "@/lib/demo/demo-contract";
import { importDemoSample } from "@/lib/server/demo/import-demo-sample";

/** POST /api/demo/samples/import {subset, index}: the sample's pictures into the caller's library; 201 with the ids grouped. */
export const POST = route("own-data", async ({ request, database, actor }) => {
  const body = await readJsonBody(request, importDemoSampleSchema);
  return Response.json(await importDemoSample(database, actor, body.subset, body.index), { status: 201 });
});
