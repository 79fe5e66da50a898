import { queryOptions } from "@tanstack/react-query";
import { modelEndpointsSchema } from "@/lib/assessments/model-endpoints-contract";
import { callApi } from "@/lib/http/api-client";

/** The places an assessment can run, over /api/models. */
export const modelKeys = { endpoints: ["models"] as const };

/** Every endpoint with its health, the default first; asked again after a minute at most. */
export const modelEndpointsQueryOptions = () =>
  queryOptions({
    queryKey: modelKeys.endpoints,
    queryFn: () => callApi("/api/models", { schema: modelEndpointsSchema }),
    staleTime: 60_000,
  });
