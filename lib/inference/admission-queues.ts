import "server-only";
import { AdmissionQueue } from "./admission-queue";

const key = Symbol.for("preferthinker-studio.admission-queues");
const holder = globalThis as { [key]?: Map<string, AdmissionQueue> };

/** The process's admission queue for a model endpoint, by its name. */
export function getAdmissionQueue(endpointName: string): AdmissionQueue {
  const queues = (holder[key] ??= new Map());
  let queue = queues.get(endpointName);
  if (!queue) {
    queue = new AdmissionQueue();
    queues.set(endpointName, queue);
  }
  return queue;
}
