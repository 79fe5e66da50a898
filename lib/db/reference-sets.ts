import "server-only";
import { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";

export type ReferenceSetRecord = {
  id: string;
  ownerId: string;
  name: string;
  preferredImageIds: string[];
  nonPreferredImageIds: string[];
  statedProfile: Prisma.JsonValue | null;
  createdAt: Date;
  updatedAt: Date;
};

export type ReferenceSetFields = {
  name: string;
  preferredImageIds: string[];
  nonPreferredImageIds: string[];
  /** null: the person has not described their taste. */
  statedProfile: Prisma.InputJsonValue | null;
};

const toJsonColumn = (value: Prisma.InputJsonValue | null) => (value === null ? Prisma.DbNull : value);

export async function createReferenceSet(
  database: Database,
  ownerId: string,
  fields: ReferenceSetFields,
): Promise<ReferenceSetRecord> {
  return database.prisma.referenceSet.create({
    data: { ownerId, ...fields, statedProfile: toJsonColumn(fields.statedProfile) },
  });
}

/** A person's reference sets, most recently changed first. */
export async function findReferenceSets(database: Database, ownerId: string): Promise<ReferenceSetRecord[]> {
  return database.prisma.referenceSet.findMany({
    where: { ownerId },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
  });
}

/** A reference set by id; `ownerId` limits it to that person's sets (admins reading anyone's pass undefined). */
export async function getReferenceSet(
  database: Database,
  id: string,
  ownerId: string | undefined,
): Promise<ReferenceSetRecord | null> {
  return database.prisma.referenceSet.findFirst({ where: { id, ...(ownerId ? { ownerId } : {}) } });
}

/** Changes the given fields of one of the person's sets; null when they have no such set. */
export async function updateReferenceSet(
  database: Database,
  ownerId: string,
  id: string,
  change: Partial<ReferenceSetFields>,
): Promise<ReferenceSetRecord | null> {
  const { statedProfile, ...rest } = change;
  const data = { ...rest, ...(statedProfile === undefined ? {} : { statedProfile: toJsonColumn(statedProfile) }) };
  // One statement, filtered by owner: someone else's set is not touched even by a guessed id.
  const updated = await database.prisma.referenceSet.updateManyAndReturn({ where: { id, ownerId }, data });
  return updated[0] ?? null;
}

/** Deletes one of the person's sets; their assessments keep their references and lose the link. False when they have no such set. */
export async function deleteReferenceSet(database: Database, ownerId: string, id: string): Promise<boolean> {
  return (await database.prisma.referenceSet.deleteMany({ where: { id, ownerId } })).count === 1;
}
