import "server-only";
import type { Role } from "@/lib/db/users";

/**
 * Who may do what: the one table of the app's access rules. Route handlers
 * and pages ask `can` (through defineRoute in lib/http/define-route.ts or
 * requirePageActor) or the named rules below, never check roles themselves.
 */

export type Capability =
  /** One's own images, reference sets, assessments, judgments and tokens. */
  | "own-data"
  /** Working on annotation queues: claiming items and annotating them. */
  | "annotation"
  /** Making annotation queues, reviewing disagreements, agreement figures and exports. */
  | "annotation-queues"
  /** Benchmarks and evaluation runs. */
  | "benchmarks"
  /** Everyone's accounts and roles. */
  | "accounts";

const capabilitiesByRole: Record<Role, readonly Capability[]> = {
  user: ["own-data"],
  annotator: ["own-data", "annotation"],
  researcher: ["own-data", "benchmarks", "annotation-queues"],
  admin: ["own-data", "annotation", "annotation-queues", "benchmarks", "accounts"],
};

/** The role that grants a capability, for messages ("needs the researcher role"). */
export const roleGranting: Record<Capability, Role> = {
  "own-data": "user",
  annotation: "annotator",
  "annotation-queues": "researcher",
  benchmarks: "researcher",
  accounts: "admin",
};

export type Actor = { userId: string; email: string; roles: Role[] };

export function can(actor: Actor, capability: Capability): boolean {
  return actor.roles.some((role) => capabilitiesByRole[role].includes(capability));
}

/** Admins reach every person's rows, not only their own (everyone's annotation queues, say). */
export function canReachEveryone(actor: Actor): boolean {
  return actor.roles.includes("admin");
}

/** Rows a person owns are theirs alone; admins reach everything. */
export function canReachOwnedBy(actor: Actor, ownerId: string): boolean {
  return actor.userId === ownerId || canReachEveryone(actor);
}
