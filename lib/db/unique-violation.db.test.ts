import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/open-database";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { createUser } from "@/lib/db/users";
import { createTestDatabase } from "@/test/test-databases";

/**
 * Callers retry or answer "name taken" on a unique violation, so any other
 * failure read as one would be swallowed: a lost connection would look like
 * "nothing left to claim".
 */
describe.each(["embedded", "postgres"] as const)("telling a unique violation on the %s database", (kind) => {
  let database: Database;
  let email: string;

  beforeAll(async () => {
    const target = await createTestDatabase(kind);
    database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
    email = (await createUser(database, "taken@example.com", "not-a-real-hash"))!.email;
  });
  afterAll(async () => {
    await database.close();
  });

  const failureOf = (work: () => Promise<unknown>) =>
    work().then(
      () => expect.unreachable("the statement should have failed"),
      (error: unknown) => error,
    );

  it("knows one from Prisma's own query and from raw SQL", async () => {
    expect(isUniqueViolation(await failureOf(() => database.prisma.user.create({ data: { email } })))).toBe(true);
    expect(
      isUniqueViolation(
        await failureOf(
          () => database.prisma.$executeRaw`INSERT INTO app_user (id, email) VALUES (gen_random_uuid(), ${email})`,
        ),
      ),
    ).toBe(true);
  });

  it("does not take another raw query failure for one", async () => {
    expect(isUniqueViolation(await failureOf(() => database.prisma.$queryRaw`SELECT 1 / 0`))).toBe(false);
    expect(isUniqueViolation(await failureOf(() => database.prisma.$queryRaw`SELECT * FROM no_such_table`))).toBe(
      false,
    );
  });
});
