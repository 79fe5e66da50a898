import "server-only";
import type { Prisma } from "./generated/prisma/client";
import type { Database } from "./open-database";

/** How a picture entered a person's library; null: it is not in the library (benchmark pictures, removed ones still in use). */
export type LibrarySource = "upload" | "demo";

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
  librarySource: LibrarySource | null;
  addedToLibraryAt: Date | null;
};

export type NewImage = Omit<ImageRecord, "id" | "createdAt" | "librarySource" | "addedToLibraryAt">;

/**
 * Records a person's claim on stored bytes, or returns the one they already
 * have. With a library source the picture is (also) put in their library: a
 * benchmark picture they now upload themselves becomes theirs to pick, under
 * the name they gave it. Without one (a benchmark import) the library is left
 * as it is.
 */
export async function findOrCreateImage(
  database: Database,
  image: NewImage,
  librarySource: LibrarySource | null,
  addedAt = new Date(),
): Promise<{ image: ImageRecord; isNew: boolean }> {
  const existing = await getOwnedImageBySha(database, image.ownerId, image.sha256);
  if (existing)
    return {
      image: librarySource
        ? await addToLibrary(database, existing, librarySource, image.originalName, addedAt)
        : existing,
      isNew: false,
    };
  try {
    const data = { ...image, librarySource, addedToLibraryAt: librarySource ? addedAt : null };
    return { image: await database.prisma.image.create({ data }), isNew: true };
  } catch (error) {
    // Two uploads of the same bytes at once: the other one created it.
    const raced = await getOwnedImageBySha(database, image.ownerId, image.sha256);
    if (raced)
      return {
        image: librarySource ? await addToLibrary(database, raced, librarySource, image.originalName, addedAt) : raced,
        isNew: false,
      };
    throw error;
  }
}

/** Puts a picture the person holds outside their library (a benchmark's) into it, under `name`; one already in it is returned as it is. */
export async function addToLibrary(
  database: Database,
  image: ImageRecord,
  source: LibrarySource,
  name: string,
  addedAt = new Date(),
): Promise<ImageRecord> {
  if (image.librarySource) return image;
  // Only a row still outside the library changes, so two arrivals at once agree on one day and name.
  await database.prisma.image.updateMany({
    where: { id: image.id, librarySource: null },
    data: { librarySource: source, addedToLibraryAt: addedAt, originalName: name },
  });
  return (await database.prisma.image.findUnique({ where: { id: image.id } })) ?? image;
}

/** The person's image with these bytes, in their library or not. */
export async function getOwnedImageBySha(
  database: Database,
  ownerId: string,
  sha256: string,
): Promise<ImageRecord | null> {
  return database.prisma.image.findUnique({ where: { ownerId_sha256: { ownerId, sha256 } } });
}

/** The person's images with any of these hashes, by hash. */
export async function findOwnedImagesBySha(
  database: Database,
  ownerId: string,
  hashes: readonly string[],
): Promise<Map<string, ImageRecord>> {
  if (hashes.length === 0) return new Map();
  const rows = await database.prisma.image.findMany({ where: { ownerId, sha256: { in: [...new Set(hashes)] } } });
  return new Map(rows.map((row) => [row.sha256, row]));
}

/**
 * Records many new images of one person in one statement; a hash the person
 * already holds (an upload of the same bytes that arrived meanwhile) is
 * skipped and absent from the answer, for the caller to look up.
 */
export async function createImages(
  database: Database,
  images: readonly (NewImage & { addedAt: Date })[],
  librarySource: LibrarySource | null,
): Promise<ImageRecord[]> {
  if (images.length === 0) return [];
  return database.prisma.image.createManyAndReturn({
    data: images.map(({ addedAt, ...image }) => ({
      ...image,
      librarySource,
      addedToLibraryAt: librarySource ? addedAt : null,
    })),
    skipDuplicates: true,
  });
}

export async function getImage(database: Database, id: string): Promise<ImageRecord | null> {
  return database.prisma.image.findUnique({ where: { id } });
}

/** What a library listing is narrowed to; every part optional. */
export type LibraryFilter = {
  source?: LibrarySource;
  /** Part of the file name, any case; wildcards are taken literally. */
  name?: string;
  /** Added at or after this instant, and before `addedBefore` (a day in the person's time zone). */
  addedFrom?: Date;
  addedBefore?: Date;
};

/** A place in the library's order: uploads first, then demo pictures, newest first within each. */
export type LibraryCursor = { librarySource: LibrarySource; addedToLibraryAt: Date; id: string };

function libraryWhere(ownerId: string, filter: LibraryFilter): Prisma.ImageWhereInput {
  const added = filter.addedFrom || filter.addedBefore ? { gte: filter.addedFrom, lt: filter.addedBefore } : undefined;
  return {
    ownerId,
    librarySource: filter.source ?? { not: null },
    ...(added ? { addedToLibraryAt: added } : {}),
    // Prisma passes `contains` into ILIKE as it is: % and _ are escaped so they match themselves.
    ...(filter.name
      ? {
          originalName: {
            contains: filter.name.replace(/[\\%_]/g, (character) => `\\${character}`),
            mode: "insensitive" as const,
          },
        }
      : {}),
  };
}

/** The rows after a cursor in the library's order (source ascending: uploads before demo; then newest first). */
function afterCursor(cursor: LibraryCursor): Prisma.ImageWhereInput {
  const laterInGroup: Prisma.ImageWhereInput = {
    librarySource: cursor.librarySource,
    OR: [
      { addedToLibraryAt: { lt: cursor.addedToLibraryAt } },
      { addedToLibraryAt: cursor.addedToLibraryAt, id: { lt: cursor.id } },
    ],
  };
  return cursor.librarySource === "upload" ? { OR: [laterInGroup, { librarySource: "demo" }] } : laterInGroup;
}

/** Where a page of a person's library continues: after this image of theirs, or null if it is not in their library. */
export async function getLibraryCursor(database: Database, ownerId: string, id: string): Promise<LibraryCursor | null> {
  const row = await database.prisma.image.findFirst({
    where: { id, ownerId, librarySource: { not: null } },
    select: { librarySource: true, addedToLibraryAt: true, id: true },
  });
  return row?.librarySource && row.addedToLibraryAt
    ? { librarySource: row.librarySource, addedToLibraryAt: row.addedToLibraryAt, id: row.id }
    : null;
}

/** A person's library, uploads first and newest first, a page at a time. */
export async function findLibraryImages(
  database: Database,
  ownerId: string,
  page: { limit: number; after?: LibraryCursor; filter?: LibraryFilter },
): Promise<ImageRecord[]> {
  const where = libraryWhere(ownerId, page.filter ?? {});
  return database.prisma.image.findMany({
    where: page.after ? { AND: [where, afterCursor(page.after)] } : where,
    orderBy: [{ librarySource: "asc" }, { addedToLibraryAt: "desc" }, { id: "desc" }],
    take: page.limit,
  });
}

export async function countLibraryImages(
  database: Database,
  ownerId: string,
  filter: LibraryFilter = {},
): Promise<number> {
  return database.prisma.image.count({ where: libraryWhere(ownerId, filter) });
}

/** Whether any row still refers to these bytes. */
/** Of the given hashes, those that no row refers to. */
export async function findUnreferencedHashes(database: Database, hashes: string[]): Promise<string[]> {
  if (hashes.length === 0) return [];
  const referenced = await database.prisma.image.findMany({
    where: { sha256: { in: hashes } },
    select: { sha256: true },
    distinct: ["sha256"],
  });
  const kept = new Set(referenced.map((row) => row.sha256));
  return hashes.filter((hash) => !kept.has(hash));
}

/** The person's images with these ids, in their library or not, in any order; ids that are not theirs are simply absent. */
export async function findOwnedImages(database: Database, ownerId: string, ids: string[]): Promise<ImageRecord[]> {
  return database.prisma.image.findMany({ where: { ownerId, id: { in: ids } } });
}

/** The person's library images with these ids, in any order; others are absent. */
export async function findLibraryImagesById(
  database: Database,
  ownerId: string,
  ids: string[],
): Promise<ImageRecord[]> {
  return database.prisma.image.findMany({ where: { ownerId, id: { in: ids }, librarySource: { not: null } } });
}
