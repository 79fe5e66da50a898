import "server-only";
import type { AppConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { Database } from "@/lib/db/open-database";
import { instanceName } from "@/lib/server/instance-name";
import { AdmissionQueue } from "./admission-queue";
import { countEvaluationSlots } from "./capacity-policy";
import { type EndpointAdmission, getSharedAdmission } from "./shared-admission";
import type { AssessmentProvider, ProviderKind } from "./assessment-provider";
import { BaselineProvider, baselineModelName } from "./baseline/baseline-provider";
import { OpenAiCompatibleProvider } from "./openai-compatible-provider";
import { getReplicaRouter, type ReplicaRouter } from "./replica-router";
import type { StructuredOutputServer } from "@/lib/preferthinker/output-grammar";

/**
 * The places an assessment can run: every configured model server, then the
 * built-in baseline, which is always there. The first is the default, so with
 * no model server configured the baseline does the work.
 */

export type AssessmentEndpoint = {
  name: string;
  kind: ProviderKind;
  model: string;
  apiUrl?: string;
  /** Every server of the endpoint (one per GPU); the first is `apiUrl`. */
  replicaUrls?: readonly string[];
  apiKey?: string;
  /** Each request carries the output grammar, in the form this server takes it; unset: the official request, unchanged. */
  structuredFor?: StructuredOutputServer;
};

/**
 * The baseline runs on this machine's CPU: evaluation runs keep two cores
 * busy with two lanes, and a third slot stays free for a person's assessment
 * (a short spell of three on two cores beats a person waiting behind a run).
 */
const baselineRunLanes = 2;

export function listAssessmentEndpoints(config: AppConfig): AssessmentEndpoint[] {
  return [
    ...config.endpoints.map((endpoint) => ({
      name: endpoint.name,
      kind: "openai-compatible" as const,
      // Without MODEL_NAME vLLM and SGLang take the name they serve; "default" is what the request says then.
      model: endpoint.model ?? "default",
      apiUrl: endpoint.apiUrl,
      replicaUrls: endpoint.replicaUrls,
      apiKey: endpoint.apiKey,
      structuredFor: endpoint.structuredFor,
    })),
    { name: "baseline", kind: "baseline", model: baselineModelName },
  ];
}

/** The endpoint of this name, or the default one; a name nobody configured is the caller's mistake. */
export function resolveAssessmentEndpoint(config: AppConfig, name: string | undefined): AssessmentEndpoint {
  const endpoints = listAssessmentEndpoints(config);
  if (name === undefined) return endpoints[0]!;
  const found = endpoints.find((endpoint) => endpoint.name === name);
  if (!found)
    throw new AppError(
      "bad_request",
      `No model endpoint is called ${JSON.stringify(name)}; configured: ${endpoints.map((entry) => entry.name).join(", ")}.`,
    );
  return found;
}

export function createAssessmentProvider(endpoint: AssessmentEndpoint, config: AppConfig): AssessmentProvider {
  if (endpoint.kind === "baseline") return new BaselineProvider();
  return new OpenAiCompatibleProvider({ router: routerOf(endpoint, config), apiKey: endpoint.apiKey }, endpoint.model, {
    ...config.inference,
    structuredFor: endpoint.structuredFor,
  });
}

/** The replicas of a model server endpoint, each taking MODEL_MAX_IN_FLIGHT requests at once. */
export function routerOf(endpoint: AssessmentEndpoint, config: AppConfig): ReplicaRouter {
  return getReplicaRouter(
    {
      name: endpoint.name,
      replicaUrls: endpoint.replicaUrls ?? [endpoint.apiUrl!],
      apiKey: endpoint.apiKey,
      model: endpoint.kind === "openai-compatible" && endpoint.model !== "default" ? endpoint.model : undefined,
    },
    {
      perReplicaLimit: config.inference.admission.maxInFlight,
      probeIntervalMs: config.modelProbeIntervalMs,
      affinity: config.replicaAffinity,
    },
  );
}

const queuesKey = Symbol.for("preferthinker-studio.admission-queues");
const holder = globalThis as { [queuesKey]?: Map<string, AdmissionQueue> };

/**
 * The admission of an endpoint: with a PostgreSQL server, which several
 * instances may share, a model server's limits hold for the installation
 * (shared-admission.ts); the embedded database's one process, and the
 * built-in baseline (which runs in each process, on its CPU), queue in
 * process memory.
 */
export function getAdmissionQueue(
  endpoint: AssessmentEndpoint,
  config: AppConfig,
  database: Database,
): EndpointAdmission {
  // MODEL_MAX_IN_FLIGHT is each replica's: an endpoint of several takes that many times more at once.
  const replicaCount = endpoint.replicaUrls?.length ?? 1;
  const limits = {
    ...config.inference.admission,
    maxInFlight: config.inference.admission.maxInFlight * replicaCount,
  };
  if (database.kind === "postgres" && endpoint.kind !== "baseline") {
    return getSharedAdmission(
      database,
      endpoint.name,
      {
        maxInFlight: limits.maxInFlight,
        maxQueued: limits.maxQueued,
        maxPerUser: limits.maxPerUser,
        evaluationSlots: countEvaluationSlots(limits.maxInFlight, limits.evaluationShare ?? 0.75),
      },
      {
        instance: instanceName,
        seconds: { interactive: config.assessmentLeaseSeconds, evaluation: config.evaluationTasks.leaseSeconds },
      },
    );
  }
  const queues = (holder[queuesKey] ??= new Map());
  // Keyed by the limits too: a configuration read again (a replica added) gets a line of its size.
  const queueKey = `${endpoint.name} ${limits.maxInFlight} ${limits.maxQueued} ${limits.maxPerUser} ${limits.evaluationShare ?? ""}`;
  let queue = queues.get(queueKey);
  if (!queue) {
    queue = new AdmissionQueue(
      endpoint.kind === "baseline"
        ? {
            ...limits,
            maxInFlight: Math.min(limits.maxInFlight, baselineRunLanes + 1),
            evaluationShare: baselineRunLanes / (baselineRunLanes + 1),
          }
        : limits,
    );
    queues.set(queueKey, queue);
  }
  return queue;
}
