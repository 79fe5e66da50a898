import "server-only";
import type { Database } from "./open-database";

export type ImageRecord = {
  id: string;
  ownerId: string;
  sha256: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  originalName: string;
  createdAt: Date;
};

/** Adds an image to a person's library, or returns the one they already have with these bytes. */
export async function findOrCreateImage(
  database: Database,
  image: Omit<ImageRecord, "id" | "createdAt">,
): Promise<{ image: ImageRecord; isNew: boolean }> {
  const existing = await database.prisma.image.findUnique({ where: { ownerId_sha256: { ownerId: image.ownerId, sha256: image.sha256 } } });
  if (existing) return { image: existing, isNew: false };
  try {
    return { image: await database.prisma.image.create({ data: image }), isNew: true };
  } catch (error) {
    // Two uploads of the same bytes at once: the other one created it.
    const raced = await database.prisma.image.findUnique({ where: { ownerId_sha256: { ownerId: image.ownerId, sha256: image.sha256 } } });
    if (raced) return { image: raced, isNew: false };
    throw error;
  }
}

/** The person's image with these bytes, if they uploaded them before. */
export async function getOwnedImageBySha(database: Database, ownerId: string, sha256: string): Promise<ImageRecord | null> {
  return database.prisma.image.findUnique({ where: { ownerId_sha256: { ownerId, sha256 } } });
}

export async function getImage(database: Database, id: string): Promise<ImageRecord | null> {
  return database.prisma.image.findUnique({ where: { id } });
}

/** Where a page of a person's images continues: after this image of theirs, or null if it is not theirs. */
export async function getImageCursor(database: Database, ownerId: string, id: string): Promise<{ createdAt: Date; id: string } | null> {
  return database.prisma.image.findFirst({ where: { id, ownerId }, select: { createdAt: true, id: true } });
}

/** A person's images, newest first, a page at a time. */
export async function findImages(database: Database, ownerId: string, page: { limit: number; before?: { createdAt: Date; id: string } }): Promise<ImageRecord[]> {
  return database.prisma.image.findMany({
    where: {
      ownerId,
      ...(page.before
        ? { OR: [{ createdAt: { lt: page.before.createdAt } }, { createdAt: page.before.createdAt, id: { lt: page.before.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: page.limit,
  });
}

export async function countImages(database: Database, ownerId: string): Promise<number> {
  return database.prisma.image.count({ where: { ownerId } });
}

/** Whether any row still refers to these bytes. */
export async function isImageReferenced(database: Database, sha256: string): Promise<boolean> {
  return (await database.prisma.image.count({ where: { sha256 } })) > 0;
}

/** Of the given hashes, those that no row refers to. */
export async function findUnreferencedHashes(database: Database, hashes: string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const referenced = await database.prisma.image.findMany({ where: { sha256: { in: hashes } }, select: { sha256: true }, distinct: ["sha256"] });
  const kept = new Set(referenced.map((row) => row.sha256));
  return hashes.filter((hash) => !kept.has(hash));
}

/** The person's images with these ids, in any order; ids that are not theirs are simply absent. */
export async function findOwnedImages(database: Database, ownerId: string, ids: string[]): Promise<ImageRecord[]> {
  return database.prisma.image.findMany({ where: { ownerId, id: { in: ids } } });
}
