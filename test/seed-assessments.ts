import { randomUUID } from "node:crypto";
import { createAssessment, finishAssessment } from "@/lib/db/assessments";
import type { Database } from "@/lib/db/open-database";
import { signUpPerson } from "./fixtures/people";

/**
 * Assessment rows made straight in the database, with the model's answer,
 * status, model and time a test needs: no model run, no images (the id
 * columns hold no references).
 */

export type SeedOptions = {
  mode?: "reasoning" | "fast" | "single";
  /** queued: never started; the others as a run ends. */
  status?: "queued" | "completed" | "failed" | "cancelled";
  /** The model's stored answer, e.g. "Image A"; null for none. */
  answer?: string | null;
  model?: string;
  provider?: string;
  issueCodes?: string[];
  createdAt?: Date;
};

export async function seedAssessment(database: Database, ownerId: string, options: SeedOptions = {}): Promise<string> {
  const mode = options.mode ?? "reasoning";
  const { id } = await createAssessment(database, {
    id: randomUUID(),
    ownerId,
    mode,
    preferredImageIds: [randomUUID()],
    nonPreferredImageIds: [randomUUID()],
    candidateImageIds: mode === "single" ? [randomUUID()] : [randomUUID(), randomUUID()],
    provider: options.provider ?? "openai-compatible",
    endpoint: "default",
    model: options.model ?? "preferthinker-7b",
    templateId: "preferthinker-v1",
    settings: {},
  });
  const status = options.status ?? "completed";
  if (status !== "queued") {
    const answer = options.answer === undefined ? "Image A" : options.answer;
    await finishAssessment(database, id, {
      status,
      output: answer === null ? "" : `<answer>${answer}</answer>`,
      parsed: { mode, answer },
      issueCodes: options.issueCodes ?? [],
      error: null,
      firstTokenMs: 10,
      totalMs: 20,
      promptTokens: null,
      completionTokens: null,
    });
  }
  if (options.createdAt)
    await database.prisma.assessment.update({ where: { id }, data: { createdAt: options.createdAt } });
  return id;
}

/** A new account through the sign-up route: its id and session token (test/fixtures/people.ts's signUpPerson, in the shape tests written before it use). */
export async function signUp(email: string): Promise<{ id: string; token: string }> {
  const person = await signUpPerson(email);
  return { id: person.id, token: person.sessionToken };
}
